/* expire.c: the cleaner: stale tmp/ files, messages older than
 * expire_days (by the arrival time in their names), and the remains of
 * interrupted purges and salt writes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "die.h"
#include "num.h"
#include "store.h"

/* 1: the tmp file ent (PID.RANDOM) belongs to no living writer, or has
 * not been written to for STORE_TMP_AGE seconds */
static int
stale(int tmpfd, char const *ent, time_t now)
{
	char const *dot = strchr(ent, '.');
	struct stat st;
	uint64_t pid;

	if (fstatat(tmpfd, ent, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	if (st.st_mtime < now - STORE_TMP_AGE)
		return 1;
	if (dot == NULL || !num_parse(&pid, ent, (size_t)(dot - ent)) ||
	    pid == 0 || pid > 0x7fffffff)
		return 1;	/* not a name rune-store makes */
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

long
store_clean_tmp(int tmpfd)
{
	time_t now = time(NULL);
	struct dirent *e;
	long n = 0;
	DIR *d;
	int fd, err = 0;

	fd = openat(tmpfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		err = errno;
		close(fd);
		return errno = err, -1;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			err = errno;
			break;
		}
		if (e->d_name[0] == '.' || !stale(tmpfd, e->d_name, now))
			continue;
		if (unlinkat(tmpfd, e->d_name, 0) == 0)
			n++;
		else if (errno != ENOENT)
			err = errno;
	}
	closedir(d);
	errno = err;
	return err ? -1 : n;
}

/* removes the messages of cur/ that arrived before limit (ns);
 * returns how many, or -1 on error */
static long
expire_cur(int curfd, uint64_t limit)
{
	char ent[MBOX_ENT_MAX + 1];
	struct mbox_list l;
	long n = 0;
	size_t i;
	int err = 0;

	if (!mbox_list_fd(curfd, &l))
		return -1;
	for (i = 0; i < l.n && l.v[i].time < limit; i++) {
		mbox_ent_fmt(ent, &l.v[i]);
		if (unlinkat(curfd, ent, 0) == 0)
			n++;
		else if (errno != ENOENT)
			err = errno;
	}
	mbox_list_free(&l);
	if (n > 0 && fsync(curfd) < 0)
		err = errno;
	errno = err;
	return err ? -1 : n;
}

struct tally {
	long msgs, tmps, purges;
	int failed;
	uint64_t limit;		/* messages that arrived before go (ns) */
};

/* cleans one entry of store/ */
static void
expire_one(struct store *st, char const *ent, void *ctx)
{
	struct tally *t = ctx;
	uint64_t limit = t->limit;
	struct mb m;
	long n;
	int r;

	if (strncmp(ent, ".purge.", 7) == 0) {
		if (store_rmtree(st->fd, ent))
			t->purges++;
		else
			warn_sys("unable to remove a purged mailbox"),
			    t->failed = 1;
		return;
	}
	if (!mbox_name_ok(ent, strlen(ent)))
		return;		/* salt, or not ours */
	if ((r = mb_open(st, ent, 0, &m)) <= 0) {
		if (r < 0)
			t->failed = 1;
		return;		/* r == 0: made in part, holds nothing */
	}
	if ((n = store_clean_tmp(m.tmp)) < 0)
		warn_sys("unable to clean tmp/"), t->failed = 1;
	else
		t->tmps += n;
	if (flock(m.lock, LOCK_EX) < 0) {
		warn_sys("unable to lock a mailbox"), t->failed = 1;
		mb_close(&m);
		return;
	}
	usage_forget(&m);
	if ((n = expire_cur(m.cur, limit)) < 0)
		warn_sys("unable to expire messages"), t->failed = 1;
	else
		t->msgs += n;
	if (flock(m.lock, LOCK_UN) < 0)
		warn_sys("unable to unlock a mailbox");
	mb_close(&m);
}

int
store_expire(struct store *st)
{
	struct tally t = { 0, 0, 0, 0, 0 };
	uint64_t now = store_now(), age;
	char path[4096];
	long n;

	age = (uint64_t)st->c.expire_days * 86400u * 1000000000u;
	t.limit = now > age ? now - age : 0;
	if (!store_each(st, expire_one, &t))
		warn_sys("unable to read the store"), t.failed = 1;
	/* what a crash while the salt was made left (afile_create) */
	if (!mbox_path(path, sizeof path, st->c.root, 0, 0) ||
	    (n = afile_clean(path, "salt", STORE_TMP_AGE)) < 0)
		warn_sys("unable to clean the store"), t.failed = 1;
	else
		t.tmps += n;
	if (t.purges > 0 && fsync(st->fd) < 0)
		warn_sys("unable to sync the store"), t.failed = 1;
	info("expired %ld messages, removed %ld tmp files and %ld purged "
	    "mailboxes", t.msgs, t.tmps, t.purges);
	return t.failed ? RUNE_EXIT_TEMP : RUNE_EXIT_OK;
}
