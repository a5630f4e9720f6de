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
#include "nodump.h"
#include "noroot.h"
#include "ownroot.h"
#include "num.h"
#include "store.h"
#include "svc.h"

#define USAGE "rune-store [init | name ADDRESS | expire | purge MAILBOX " \
	"| stats | daemon [WORKERS]]"

#define DAEMON_WORKERS	4	/* default size of the pool */
#define DAEMON_MAX	64

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

/* one connection of the daemon: the pipe protocol over the socket */
static void
serve_one(int fd, void *ctx)
{
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to serve a connection");
	(void)store_serve(ctx);
}

/* rune-store daemon [WORKERS]: the pipe protocol for every session, on
 * the socket store/socket, by a pool of workers (doc/rune-store.8) */
static int
daemon_run(struct store *st, char const *n)
{
	char path[4096];
	uint64_t w = DAEMON_WORKERS;
	int lfd;

	if (n != NULL && (!num_parse(&w, n, strlen(n)) || w < 1 ||
	    w > DAEMON_MAX))
		die(RUNE_EXIT_PERM, "WORKERS must be 1 to %d", DAEMON_MAX);
	if (!mbox_path(path, sizeof path, st->c.root, MBOX_SOCKET, 0))
		die(RUNE_EXIT_PERM, "invalid $RUNE_ROOT");
	/* the session's group may connect where it may read store/ */
	lfd = svc_listen(path, st->fmode == 0640 ? 0660 : 0600);
	if (lfd < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to listen on %s", path);
	info("serving %s with %d workers", path, (int)w);
	return svc_run(lfd, path, (int)w, serve_one, st);
}

int
main(int argc, char **argv)
{
	struct store st;

	die_init(argv[0]);
	nodump();
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
	/* the commands are the administrator's: root, or the owner of
	 * store/ running rune-store as itself; the session's user, for whom
	 * the setuid bit made it the owner, gets the pipe protocol only
	 * (doc/privsep.md) */
	if (getuid() != 0 && ownroot_setuid())
		die(RUNE_EXIT_PERM, "%s: refused: an administrative command "
		    "(run it as root or as the owner of store/)", argv[1]);
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
	if ((argc == 2 || argc == 3) && !strcmp(argv[1], "daemon")) {
		store_open(&st);
		return daemon_run(&st, argc == 3 ? argv[2] : NULL);
	}
	if (argc == 2 && !strcmp(argv[1], "stats")) {
		store_open(&st);
		return store_stats(&st);
	}
	die_usage(USAGE);
}
