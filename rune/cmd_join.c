/* cmd_join.c: "rune join [FILE|-] [--force]": first contact in one step.
 * Reads the invitation URI that rune-admin invite printed from standard
 * input (or FILE; never argv, since it holds a live token) with
 * invite_read, as register --invite does, then does
 * what init and register --invite do: the key pair, the address and the
 * server from the URI, the server's pins, and the registration. */
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"

#define USAGE "rune join [FILE|-] [--force]   (the invitation URI on " \
	"standard input or in FILE)"

/* the key pair: the home's own when it is for the invited address (a
 * join that failed before, tried again), else a new one */
static void
make_key(struct cli *c, struct addr const *a, int force,
    unsigned char pk[RUNE_PK_LEN])
{
	unsigned char sk[RUNE_SK_LEN];
	char text[RUNE_ADDR_MAX + 2];
	int have = home_secret_read(&c->home, sk);

	if (have && !force) {
		if (!home_read_line(&c->home, "config/address", text,
		    sizeof text) || strcmp(text, a->s) != 0)
			die(RUNE_EXIT_PERM, "%s already holds a key for "
			    "another address: give another --home, or --force "
			    "to replace it", c->home.dir);
		info("using the key already in %s", c->home.dir);
	} else {
		if (crypto_sign_keypair(pk, sk) != 0)
			die(RUNE_EXIT_TEMP, "unable to make a key pair");
		home_secret_write(&c->home, sk, force);
	}
	memcpy(pk, sk + RUNE_SK_LEN - RUNE_PK_LEN, RUNE_PK_LEN);
	sodium_memzero(sk, sizeof sk);
	home_write_line(&c->home, "config", "address", a->s);
}

int
cmd_join(struct cli *c, int argc, char **argv)
{
	unsigned char pk[RUNE_PK_LEN];
	char const *file = "-";
	struct invite iv;
	int i, force = 0, have_file = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (have_file || (argv[i][0] == '-' && argv[i][1]))
			die_usage(USAGE);
		else
			file = argv[i], have_file = 1;
	}
	/* not echoed: it holds a token */
	if (strncmp(file, "rune://", 7) == 0)
		die(RUNE_EXIT_PERM, "the invitation goes on standard input or in "
		    "a file, never on the command line, where every user "
		    "of this machine can read it: rune join < FILE");
	invite_read(&iv, file);
	if (!iv.uri || !iv.have_addr) {
		sodium_memzero(&iv, sizeof iv);
		die(RUNE_EXIT_PERM, "the invitation names no address: use rune "
		    "init ADDRESS, then rune register --invite");
	}
	if (c->have_hp && strcmp(c->hp.name, iv.hp.name) != 0)
		die(RUNE_EXIT_PERM, "the invitation is for the server %s, not "
		    "%s", iv.hp.name, c->hp.name);
	c->hp = iv.hp;
	c->have_hp = 1;
	make_key(c, &iv.addr, force, pk);
	home_write_line(&c->home, "config", "server", c->hp.name);
	cli_print_identity(&iv.addr, &c->hp, pk);
	return cli_register(c, &iv);
}
