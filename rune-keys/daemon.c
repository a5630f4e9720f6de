/* daemon.c: rune-keys daemon [WORKERS]: the prekey protocol (prekeys.c)
 * for every session, on the socket keys/socket, by a supervised pool of
 * pre-forked workers (lib/svc.c), as rune-store daemon serves the store:
 * no exec of rune-keys per PREKEY (doc/design.md, "Process layout"). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "keys.h"
#include "num.h"
#include "svc.h"

#define DAEMON_WORKERS	4	/* default size of the pool */
#define DAEMON_MAX	64

/* one connection: the prekey protocol over the socket */
static void
serve_one(int fd, void *ctx)
{
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to serve a connection");
	(void)prekeys_serve(ctx);
}

int
keys_daemon(struct conf const *c, char const *n)
{
	char path[4096];
	uint64_t w = DAEMON_WORKERS;
	int lfd, len;

	if (n != NULL && (!num_parse(&w, n, strlen(n)) || w < 1 ||
	    w > DAEMON_MAX))
		die(RUNE_EXIT_PERM, "WORKERS must be 1 to %d", DAEMON_MAX);
	len = snprintf(path, sizeof path, "%s/keys/socket", c->root);
	if (len < 0 || (size_t)len >= sizeof path)
		die(RUNE_EXIT_PERM, "invalid $RUNE_ROOT");
	/* the session's group may connect where it may read keys/ */
	lfd = svc_listen(path, jour_mode(c->root) == 0640 ? 0660 : 0600);
	if (lfd < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to listen on %s", path);
	info("serving %s with %d workers%s", path, (int)w, c->prekeys ? "" :
	    " (control/prekeys is 0: every request is refused)");
	return svc_run(lfd, path, (int)w, serve_one, (void *)c);
}
