/* usage.c: the mailbox's usage hint, MBOX/usage: "COUNT BYTES\n", written
 * under the mailbox lock after each put and removed (under the lock)
 * before each delete, so that it only ever tells a committed state.  It
 * saves the session a scan of cur/ for its quota check before 340; it is
 * advisory: the check that counts is commit's, under the lock, from cur/
 * itself.  A crash between a put and its hint leaves a hint one message
 * short, which that check catches (doc/store.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "die.h"
#include "num.h"
#include "store.h"
#include "writeall.h"

#define USAGE_TMP ".usage.tmp"

void
usage_write(struct store const *st, struct mb *m, uint64_t count,
    uint64_t bytes)
{
	char buf[2 * NUM_FMT_MAX + 2];
	size_t n;
	int fd;

	n = num_fmt(buf, count);
	buf[n++] = ' ';
	n += num_fmt(buf + n, bytes);
	buf[n++] = '\n';
	unlinkat(m->dir, USAGE_TMP, 0);
	fd = openat(m->dir, USAGE_TMP, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, st->fmode);
	if (fd < 0 || fchmod(fd, st->fmode) < 0 || !writeall(fd, buf, n) ||
	    close(fd) < 0 || renameat(m->dir, USAGE_TMP, m->dir,
	    MBOX_USAGE) < 0) {
		warn_sys("unable to write a usage hint");
		if (fd >= 0)
			unlinkat(m->dir, USAGE_TMP, 0);
		usage_forget(m);
	}
}

void
usage_forget(struct mb *m)
{
	if (unlinkat(m->dir, MBOX_USAGE, 0) < 0 && errno != ENOENT)
		warn_sys("unable to remove a usage hint");
}
