/* mailbox.c: the store directory, its salt, and opening a mailbox
 * (store/NAME with tmp/, cur/ and lock), making it when asked. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "clock.h"
#include "die.h"
#include "ownroot.h"
#include "store.h"

/* 1: store/salt is there with its size; 0 absent; -1 of another size */
static int
salt_there(struct store const *st)
{
	struct stat sb;

	if (fstatat(st->fd, "salt", &sb, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		die_sys(RUNE_EXIT_TEMP, "unable to stat the salt");
	}
	if (!S_ISREG(sb.st_mode))
		die(RUNE_EXIT_TEMP, "the salt is not a file");
	return sb.st_size == MBOX_SALT_LEN ? 1 : -1;
}

/* makes store/salt (at path) when absent, under the store lock.  A salt
 * of another size (left by a crash of a version that wrote it in place)
 * named no mailbox, as mbox_name() refuses it: it is replaced. */
static void
salt_make(struct store *st, char const *path)
{
	unsigned char salt[MBOX_SALT_LEN];
	int r;

	if (salt_there(st) == 1)
		return;
	store_lock(st);
	r = salt_there(st);
	if (r < 0) {
		warn("replacing a salt of the wrong size");
		if (unlinkat(st->fd, "salt", 0) < 0 && errno != ENOENT)
			die_sys(RUNE_EXIT_TEMP, "unable to remove %s/salt",
			    path);
	}
	if (r != 1) {
		randombytes_buf(salt, sizeof salt);
		r = afile_create(path, "salt", salt, sizeof salt, st->fmode);
		sodium_memzero(salt, sizeof salt);
		if (!r && errno != EEXIST)
			die_sys(RUNE_EXIT_TEMP, "unable to create %s/salt",
			    path);
	}
	store_unlock(st);
}

/* the lock file is opened for each hold: a flock belongs to an open
 * file, which the workers of rune-store daemon would otherwise share
 * (and so never exclude one another) */
void
store_lock(struct store *st)
{
	/* 0600, as a mailbox lock: whoever may open it may hold it */
	st->lock = openat(st->fd, STORE_LOCK, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (st->lock < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to open store/%s", STORE_LOCK);
	while (flock(st->lock, LOCK_EX) < 0)
		if (errno != EINTR)
			die_sys(RUNE_EXIT_TEMP, "unable to lock the store");
}

void
store_unlock(struct store *st)
{
	if (close(st->lock) < 0)	/* releases the lock */
		die_sys(RUNE_EXIT_TEMP, "unable to unlock the store");
	st->lock = -1;
}

void
store_open(struct store *st)
{
	char path[4096];
	struct stat sb;
	int made = 0;

	ownroot_load(&st->c, "store");
	if (!mbox_path(path, sizeof path, st->c.root, 0, 0))
		die_sys(RUNE_EXIT_PERM, "invalid $RUNE_ROOT");
	if (mkdir(path, 0700) == 0)
		made = 1;
	else if (errno != EEXIST)
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", path);
	if (made && !afile_sync_dir(st->c.root))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", st->c.root);
	st->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->fd < 0 || fstat(st->fd, &sb) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", path);
	/* the group reads what we make when it may read store/ (the
	 * session, doc/privsep.md); never may it write */
	st->fmode = (sb.st_mode & 0050) == 0050 ? 0640 : 0600;
	st->dmode = st->fmode == 0640 ? 02750 : 0700;
	st->lock = -1;
	salt_make(st, path);
	if (mbox_salt(st->c.root, st->salt) != 1)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s/salt", path);
}

uint64_t
store_now(void)
{
	return clock_now_ns();
}

/* makes the directory name in parent; 1 made, 0 there, -1 error */
static int
mkdir_at(int parent, char const *name)
{
	if (mkdirat(parent, name, 0700) == 0)
		return 1;
	return errno == EEXIST ? 0 : -1;
}

static int
open_dir(int parent, char const *name)
{
	return openat(parent, name,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* name in parent opened as a directory; when made, given mode through
 * the descriptor (mkdir drops the setgid bit and obeys the umask) */
static int
open_made(int parent, char const *name, int made, mode_t mode)
{
	int fd = open_dir(parent, name), err;

	if (fd < 0 || !made || fchmod(fd, mode) == 0)
		return fd;
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

int
mb_open(struct store *st, char const *name, int create, struct mb *m)
{
	int made = 0, tmp = 0, cur = 0, sub = 0, err;

	m->dir = m->cur = m->tmp = m->lock = -1;
	if (create && (made = mkdir_at(st->fd, name)) < 0)
		goto fail;
	m->dir = open_made(st->fd, name, made, st->dmode);
	if (m->dir < 0 || fstat(m->dir, &m->st) < 0)
		goto fail;
	if (create) {
		if ((tmp = mkdir_at(m->dir, "tmp")) < 0 ||
		    (cur = mkdir_at(m->dir, "cur")) < 0)
			goto fail;
		sub = tmp + cur;
		if (faccessat(m->dir, "lock", F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			sub++;
	}
	m->cur = open_made(m->dir, "cur", cur, st->dmode);
	m->tmp = open_made(m->dir, "tmp", tmp, st->dmode);
	/* the lock stays 0600: a reader could hold a flock on it */
	m->lock = openat(m->dir, "lock", O_RDWR | O_NOFOLLOW | O_CLOEXEC |
	    (create ? O_CREAT : 0), 0600);
	if (m->cur < 0 || m->tmp < 0 || m->lock < 0)
		goto fail;
	/* a new mailbox is on disk before any message goes into it */
	if ((sub > 0 && fsync(m->dir) < 0) || (made && fsync(st->fd) < 0))
		goto fail;
	return 1;
fail:
	err = errno;
	mb_close(m);
	errno = err;
	if (!create && err == ENOENT)
		return 0;
	warn_sys("unable to open a mailbox");
	errno = err;
	return -1;
}

void
mb_close(struct mb *m)
{
	if (m->dir >= 0)
		close(m->dir);
	if (m->cur >= 0)
		close(m->cur);
	if (m->tmp >= 0)
		close(m->tmp);
	if (m->lock >= 0)
		close(m->lock);
	m->dir = m->cur = m->tmp = m->lock = -1;
}

int
mb_still(struct store const *st, char const *name, struct mb const *m)
{
	struct stat s;

	if (fstatat(st->fd, name, &s, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	return s.st_dev == m->st.st_dev && s.st_ino == m->st.st_ino;
}

/* removes what the directory fd holds, depth levels down */
static int
empty_dir(int fd, int depth)
{
	struct dirent *e;
	DIR *d;
	int dfd, ok = 1, err = 0;

	dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	d = fdopendir(dfd);
	if (d == NULL) {
		err = errno;
		close(dfd);
		return errno = err, 0;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL) {
			if (errno)
				ok = 0, err = errno;
			break;
		}
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0 || errno == ENOENT)
			continue;
		if ((errno == EISDIR || errno == EPERM) && depth > 0) {
			int sub = open_dir(fd, e->d_name);

			if (sub >= 0 && empty_dir(sub, depth - 1) &&
			    unlinkat(fd, e->d_name, AT_REMOVEDIR) == 0) {
				close(sub);
				continue;
			}
			if (sub >= 0)
				close(sub);
		}
		ok = 0, err = errno;
	}
	closedir(d);
	errno = err;
	return ok;
}

int
store_rmtree(int parent, char const *name)
{
	int fd = open_dir(parent, name), r, err;

	if (fd < 0)
		return errno == ENOENT;
	r = empty_dir(fd, 2);
	err = errno;
	close(fd);
	if (!r)
		return errno = err, 0;
	return unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

int
store_each(struct store *st, void (*fn)(struct store *, char const *,
    void *), void *ctx)
{
	struct dirent *e;
	DIR *d;
	int fd, err;

	fd = openat(st->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if ((d = fdopendir(fd)) == NULL) {
		err = errno;
		close(fd);
		return errno = err, 0;
	}
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		fn(st, e->d_name, ctx);
	}
	err = errno;
	closedir(d);
	errno = err;
	return err == 0;
}
