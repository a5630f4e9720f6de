/* put.c: storing one message so that a crash at any moment leaves it
 * whole or absent: tmp/PID.RANDOM, fsync, close, rename into
 * cur/TIME.ID.SIZE under the mailbox lock, fsync cur/, and only then "ok".
 * Only for an active receiver: the key table is read when the mailbox is
 * made (under the store lock) and again under the mailbox lock before the
 * rename; a purge takes both locks (del.c), so a put that ends after its
 * receiver unregistered stores nothing and makes no mailbox again. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <sodium.h>

#include "die.h"
#include "hexid.h"
#include "keytab.h"
#include "store.h"
#include "writeall.h"

#define TMP_NAME_MAX 48

/* reads and drops n octets; 1 done, 0 input ended or failed */
static int
drain(struct line *in, uint64_t n)
{
	unsigned char buf[STORE_CHUNK];

	while (n > 0) {
		size_t k = n < sizeof buf ? (size_t)n : sizeof buf;

		if (line_read_exact(in, buf, k) != 1)
			return 0;
		n -= k;
	}
	return 1;
}

/* 1: a is active in the key table; 0 it is not (absent, disabled,
 * reserved); -1 the table can't be read (a warning printed) */
static int
active(struct store const *st, struct addr const *a)
{
	struct keyrec r;
	int x = keytab_lookup(st->c.root, a, &r);

	if (x < 0) {
		warn_sys("unable to read the key table");
		return -1;
	}
	return x == 1 && r.state == KEYTAB_ACTIVE;
}

/* opens mailbox name of a; one that is absent is made, under the store
 * lock, only while a is active; 1 open, 0 a is not active, -1 error */
static int
open_box(struct store *st, struct addr const *a, char const *name,
    struct mb *m)
{
	int r = mb_open(st, name, 0, m);

	if (r != 0)
		return r;
	store_lock(st);
	r = active(st, a);
	if (r == 1 && mb_open(st, name, 1, m) < 0)
		r = -1;
	store_unlock(st);
	return r;
}

/* drops the tmp file, keeping errno */
static void
drop(struct mb const *m, char const *tmp)
{
	int err = errno;

	if (unlinkat(m->tmp, tmp, 0) < 0 && errno != ENOENT)
		warn_sys("unable to remove a tmp file");
	errno = err;
}

/* reads size octets into tmp/tmp (hashing them into id), fsyncs and
 * closes it, mode; STORE_OK, STORE_TEMP (tmp removed, input read) or
 * STORE_EOF (tmp removed) */
static int
receive(struct mb const *m, struct line *in, char const *tmp,
    uint64_t size, mode_t mode, unsigned char id[RUNE_ID_LEN])
{
	unsigned char buf[STORE_CHUNK];
	crypto_generichash_state h;
	int fd, failed = 0;

	fd = openat(m->tmp, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		failed = errno;
	else if (fchmod(fd, mode) < 0) {	/* whatever the umask */
		failed = errno;
		close(fd);
		drop(m, tmp);
		fd = -1;
	}
	(void)crypto_generichash_init(&h, NULL, 0, RUNE_ID_LEN);
	while (size > 0) {
		size_t k = size < sizeof buf ? (size_t)size : sizeof buf;

		if (line_read_exact(in, buf, k) != 1) {
			if (fd >= 0) {
				close(fd);
				drop(m, tmp);
			}
			return STORE_EOF;
		}
		(void)crypto_generichash_update(&h, buf, k);
		if (fd >= 0 && !writeall(fd, buf, k)) {
			failed = errno;
			close(fd);
			drop(m, tmp);
			fd = -1;
		}
		size -= k;
	}
	(void)crypto_generichash_final(&h, id, RUNE_ID_LEN);
	if (fd >= 0 && fsync(fd) < 0) {
		failed = errno;
		close(fd);
		drop(m, tmp);
	} else if (fd >= 0 && close(fd) < 0) {
		failed = errno;
		drop(m, tmp);
	}
	if (failed) {
		errno = failed;
		warn_sys("unable to write a message");
		return STORE_TEMP;
	}
	return STORE_OK;
}

/* moves tmp/tmp into cur/ under the lock, checking again that a is
 * active, that the mailbox was not purged, and the quota (from the usage
 * hint, or a scan of cur/ when the hint is not true); STORE_OK,
 * STORE_GONE, STORE_FULL or STORE_TEMP; tmp/tmp is gone after */
static int
commit(struct store *st, struct mb *m, struct addr const *a,
    char const *name, char const *tmp, uint64_t size,
    unsigned char const id[RUNE_ID_LEN])
{
	char ent[MBOX_ENT_MAX + 1];
	struct mbox_usage u;
	struct mbox_msg msg;
	uint64_t t;
	int code = STORE_TEMP, x, dup, hint;

	if (flock(m->lock, LOCK_EX) < 0) {
		warn_sys("unable to lock a mailbox");
		drop(m, tmp);
		return STORE_TEMP;
	}
	/* unregistered (then purged) or disabled meanwhile: a purge waits
	 * for this lock, so after this check none can come between */
	if ((x = active(st, a)) <= 0) {
		if (x == 0)
			code = STORE_GONE;
		goto out;
	}
	if (!mb_still(st, name, m)) {
		warn("mailbox purged during a put");
		goto out;
	}
	hexid_fmt(msg.hex, id);
	if ((hint = usage_load(st, m, msg.hex, &u, &dup)) < 0) {
		warn_sys("unable to list a mailbox");
		goto out;
	}
	if (dup) {
		code = STORE_OK;	/* the same blob: stored already */
		if (!hint)
			usage_write(st, m, &u);
	} else if (mbox_quota_over(st->c.quota_messages, st->c.quota_bytes,
	    u.count, u.bytes, size)) {
		code = STORE_FULL;
		if (!hint)
			usage_write(st, m, &u);
	} else {
		t = store_now();
		if (u.newest >= t)
			t = u.newest + 1;	/* keep arrival order */
		msg.time = t;
		msg.size = size;
		mbox_ent_fmt(ent, &msg);
		if (renameat(m->tmp, tmp, m->cur, ent) < 0)
			warn_sys("unable to move a message into cur/");
		else if (fsync(m->cur) < 0) {
			warn_sys("unable to sync cur/");
			/* not known to be on disk: make it invisible */
			if (unlinkat(m->cur, ent, 0) < 0 || fsync(m->cur) < 0)
				warn_sys("unable to undo a message");
			usage_forget(m);
		} else {
			code = STORE_OK;
			u.count++;
			u.bytes += size;
			u.newest = t;
			memcpy(u.newest_hex, msg.hex, RUNE_ID_HEX_LEN + 1);
			usage_write(st, m, &u);
		}
	}
out:
	drop(m, tmp);		/* gone already when it was moved */
	if (flock(m->lock, LOCK_UN) < 0)
		warn_sys("unable to unlock a mailbox");
	return code;
}

int
store_put(struct store *st, struct line *in, struct addr const *a,
    uint64_t size, unsigned char id[RUNE_ID_LEN])
{
	char tmp[TMP_NAME_MAX], name[MBOX_NAME_LEN + 1];
	struct mb m;
	int code, r;

	mbox_name_salt(st->salt, a, name);
	if ((r = open_box(st, a, name, &m)) <= 0)
		return !drain(in, size) ? STORE_EOF : r == 0 ? STORE_GONE :
		    STORE_TEMP;
	if (store_clean_tmp(m.tmp) < 0)
		warn_sys("unable to clean tmp/");
	snprintf(tmp, sizeof tmp, "%ld.%08x%08x", (long)getpid(),
	    (unsigned)randombytes_random(), (unsigned)randombytes_random());
	/* the quota is checked once, under the lock, before the rename: the
	 * session checked it before its 340, so a put over it is rare */
	code = receive(&m, in, tmp, size, st->fmode, id);
	if (code == STORE_OK)
		code = commit(st, &m, a, name, tmp, size, id);
	else if (code == STORE_TEMP && active(st, a) == 0)
		code = STORE_GONE;	/* its tmp/ purged under it, say */
	mb_close(&m);
	return code;
}
