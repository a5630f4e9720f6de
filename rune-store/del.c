/* del.c: removing one message, or a whole mailbox at once (a rename out
 * of sight first, so that a crash never shows half a mailbox). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sodium.h>

#include "die.h"
#include "hexid.h"
#include "store.h"

int
store_del(struct store *st, char const *name,
    unsigned char const id[RUNE_ID_LEN])
{
	char ent[MBOX_ENT_MAX + 1], hex[RUNE_ID_HEX_LEN + 1];
	struct mbox_usage u;
	uint64_t size = 0;
	struct mb m;
	int r, code = STORE_TEMP, hint;

	r = mb_open(st, name, 0, &m);
	if (r <= 0)
		return r == 0 ? STORE_NOMSG : STORE_TEMP;
	/* under the lock, so that no put's hint comes between */
	if (flock(m.lock, LOCK_EX) < 0) {
		warn_sys("unable to lock a mailbox");
		mb_close(&m);
		return STORE_TEMP;
	}
	hint = mbox_hint_read(m.dir, m.cur, st->salt, &u) == 1;
	r = mbox_find_fd(m.cur, id, ent, &size);
	if (r < 0)
		warn_sys("unable to read a mailbox");
	else if (r == 0)
		code = STORE_NOMSG;
	else if (unlinkat(m.cur, ent, 0) < 0) {
		if (errno == ENOENT)
			code = STORE_NOMSG;	/* deleted meanwhile */
		else
			warn_sys("unable to remove a message");
	} else if (fsync(m.cur) < 0)
		warn_sys("unable to sync cur/");
	else
		code = STORE_OK;
	/* the hint follows the delete when it was true before it; a crash
	 * before this leaves it stale (cur/ changed), never wrong */
	if (code == STORE_OK && hint && u.count > 0 && u.bytes >= size) {
		u.count--;
		u.bytes -= size;
		hexid_fmt(hex, id);
		if (memcmp(u.newest_hex, hex, RUNE_ID_HEX_LEN) == 0)
			u.newest_hex[0] = '\0';	/* newest time kept */
		usage_write(st, &m, &u);
	} else if (code != STORE_NOMSG || !hint)
		usage_forget(&m);
	if (flock(m.lock, LOCK_UN) < 0)
		warn_sys("unable to unlock a mailbox");
	mb_close(&m);
	return code;
}

int
store_purge(struct store *st, char const *name)
{
	char gone[40];
	int dir, lock, code = STORE_TEMP;

	/* a put makes a mailbox under this lock, and only for an active
	 * address: the caller made it inactive first (UNREGISTER) */
	store_lock(st);
	dir = openat(st->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dir < 0) {
		int err = errno;

		store_unlock(st);
		if (err == ENOENT)
			return STORE_OK;
		errno = err;
		warn_sys("unable to open a mailbox");
		return STORE_TEMP;
	}
	/* wait for a put that is moving a message in */
	lock = openat(dir, "lock", O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (lock >= 0 && flock(lock, LOCK_EX) < 0)
		warn_sys("unable to lock a mailbox");
	snprintf(gone, sizeof gone, ".purge.%08x%08x",
	    (unsigned)randombytes_random(), (unsigned)randombytes_random());
	if (renameat(st->fd, name, st->fd, gone) < 0) {
		if (errno == ENOENT)
			code = STORE_OK;	/* purged meanwhile */
		else
			warn_sys("unable to move a mailbox away");
	} else if (fsync(st->fd) < 0)
		warn_sys("unable to sync the store");
	else
		code = STORE_OK;
	if (lock >= 0)
		close(lock);
	close(dir);
	store_unlock(st);
	if (code != STORE_OK)
		return code;
	/* out of sight now; what is left here, rune-store expire removes */
	if (!store_rmtree(st->fd, gone))
		warn_sys("unable to remove a purged mailbox");
	else if (fsync(st->fd) < 0)
		warn_sys("unable to sync the store");
	return STORE_OK;
}
