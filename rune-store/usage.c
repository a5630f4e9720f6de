/* usage.c: the mailbox's usage hint, MBOX/usage (lib/mboxhint.c, doc/
 * store.md): rewritten under the mailbox lock after each put and delete,
 * with cur/'s change time right after that change, so that it tells
 * exactly what cur/ holds or, once cur/ changed otherwise (a crash
 * between a rename and the hint, a file removed by hand), is seen as
 * stale.  A put trusts it and does not scan cur/; a stale, forged or
 * missing hint costs one scan, which writes it again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "store.h"
#include "writeall.h"

#define USAGE_TMP ".usage.tmp"

int
usage_load(struct store const *st, struct mb *m, char const *want,
    struct mbox_usage *u, int *dup)
{
	int r = mbox_hint_read(m->dir, m->cur, st->salt, u);

	*dup = 0;
	if (r == 1) {
		/* a replay of the newest put: stored already */
		*dup = want != NULL && u->newest_hex[0] != '\0' &&
		    memcmp(u->newest_hex, want, RUNE_ID_HEX_LEN) == 0;
		return 1;
	}
	if (r < 0)
		warn_sys("unable to read a usage hint");
	return mbox_usage_scan(m->cur, want, u, dup) ? 0 : -1;
}

void
usage_write(struct store const *st, struct mb *m, struct mbox_usage const *u)
{
	char buf[MBOX_HINT_MAX];
	struct stat cur;
	size_t n;
	int fd = -1, r;

	/* cur/ as it is now, after the change this hint counts: under the
	 * lock nothing else changes it before the hint is in place */
	if (fstat(m->cur, &cur) < 0)
		goto fail;
	n = mbox_hint_fmt(buf, u, &cur, st->salt);
	if (unlinkat(m->dir, USAGE_TMP, 0) < 0 && errno != ENOENT)
		goto fail;
	fd = openat(m->dir, USAGE_TMP, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, st->fmode);
	if (fd < 0 || fchmod(fd, st->fmode) < 0 || !writeall(fd, buf, n))
		goto fail;
	r = close(fd);
	fd = -1;
	if (r < 0 || renameat(m->dir, USAGE_TMP, m->dir, MBOX_USAGE) < 0)
		goto fail;
	return;
fail:
	warn_sys("unable to write a usage hint");
	if (fd >= 0)
		close(fd);
	(void)unlinkat(m->dir, USAGE_TMP, 0);
	usage_forget(m);
}

void
usage_forget(struct mb *m)
{
	if (unlinkat(m->dir, MBOX_USAGE, 0) < 0 && errno != ENOENT)
		warn_sys("unable to remove a usage hint");
}
