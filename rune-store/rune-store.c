/* rune-store: the only writer of the mailboxes ($RUNE_ROOT/store).
 * Without arguments it serves the pipe protocol of rune-store(8) for one
 * session; with one it runs a command for rune-admin. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "die.h"
#include "noroot.h"
#include "store.h"

#define USAGE "rune-store [init | name ADDRESS | expire | purge MAILBOX " \
	"| stats]"

/* rune-store name ADDRESS: prints the mailbox name of ADDRESS */
static int
name(struct store *st, char const *s)
{
	char out[MBOX_NAME_LEN + 1];
	struct addr a;

	if (!addr_parse(&a, s, strlen(s)))
		die(RUNE_EXIT_PERM, "not an address");
	if (mbox_name(st->c.root, &a, out) != 1)
		die_sys(RUNE_EXIT_TEMP, "unable to read the salt");
	if (printf("%s\n", out) < 0 || fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct store st;

	die_init(argv[0]);
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
	    signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		die_sys(RUNE_EXIT_TEMP, "unable to set signals");
	umask(077);
	noroot();
	if (argc > 3 || (argc > 1 && argv[1][0] == '-'))
		die_usage(USAGE);
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "unable to initialise libsodium");
	if (argc == 1) {
		store_open(&st);
		return store_serve(&st);
	}
	if (argc == 2 && !strcmp(argv[1], "init")) {
		store_open(&st);
		return RUNE_EXIT_OK;
	}
	if (argc == 3 && !strcmp(argv[1], "name")) {
		store_open(&st);
		return name(&st, argv[2]);
	}
	if (argc == 2 && !strcmp(argv[1], "expire")) {
		store_open(&st);
		return store_expire(&st);
	}
	if (argc == 3 && !strcmp(argv[1], "purge")) {
		if (!mbox_name_ok(argv[2], strlen(argv[2])))
			die(RUNE_EXIT_PERM, "not a mailbox name");
		store_open(&st);
		return store_purge(&st, argv[2]) == STORE_OK ?
		    RUNE_EXIT_OK : RUNE_EXIT_TEMP;
	}
	if (argc == 2 && !strcmp(argv[1], "stats")) {
		store_open(&st);
		return store_stats(&st);
	}
	die_usage(USAGE);
}
