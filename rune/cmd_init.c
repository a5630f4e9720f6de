/* cmd_init.c: "rune init ADDRESS": the key pair, the address and the
 * server, stored in the home (doc/client.md). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "fpr.h"
#include "key.h"
#include "show.h"

#define USAGE "rune init ADDRESS --server HOST[:PORT] [--force]"

void
cli_print_identity(struct addr const *a, struct hostport const *hp,
    unsigned char const pk[RUNE_PK_LEN])
{
	char ktext[RUNE_KEY_TEXT_LEN + 1], ftext[RUNE_FPR_TEXT_LEN + 1];
	unsigned char fp[RUNE_FPR_LEN];

	key_fmt(ktext, pk);
	fpr_make(fp, pk, RUNE_PK_LEN);
	fpr_fmt(ftext, fp);
	show_printf("address %s\nserver %s\nkey %s\nfingerprint %s\n", a->s,
	    hp->name, ktext, ftext);
	show_flush();
}

int
cmd_init(struct cli *c, int argc, char **argv)
{
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
	struct hostport const *hp;
	char const *addrtext = NULL;
	struct addr a;
	int i, force = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (argv[i][0] == '-' || addrtext != NULL)
			die_usage(USAGE);
		else
			addrtext = argv[i];
	}
	if (addrtext == NULL)
		die_usage(USAGE);
	if (!addr_parse(&a, addrtext, strlen(addrtext)))
		die(RUNE_EXIT_PERM, "not an address: %.200s (USER@DOMAIN, "
		    "3 to 50 letters or digits each)", addrtext);
	hp = cli_server(c);
	if (crypto_sign_keypair(pk, sk) != 0)
		die(RUNE_EXIT_TEMP, "unable to make a key pair");
	home_secret_write(&c->home, sk, force);
	sodium_memzero(sk, sizeof sk);
	home_write_line(&c->home, "config", "address", a.s);
	home_write_line(&c->home, "config", "server", hp->name);
	cli_print_identity(&a, hp, pk);
	return RUNE_EXIT_OK;
}
