/* jour.c: the journal of the key table: one small file per changed
 * record in keys/pending/, written under the exclusive lock keys/lock.
 * A change of several records goes first, whole, into keys/txn (the redo
 * log), then into its journal files; a crash in between is finished by
 * the next holder of the lock (doc/keys.md). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "die.h"
#include "keys.h"

#define TXN_RECS 32
#define TXN_MAX (TXN_RECS * (2 + KEYREC_KEY_MAX + KEYREC_VAL_MAX))

/* a journal file as it was before a transaction */
struct jold {
	int had;		/* it existed */
	size_t len;
	unsigned char v[KEYREC_VAL_MAX];
};

mode_t
jour_mode(char const *root)
{
	char path[4096];
	struct stat st;

	if (keyrec_path(path, sizeof path, root, KEYREC_DIR, 0) &&
	    stat(path, &st) == 0 && (st.st_mode & 0050) == 0050)
		return 0640;
	return 0600;
}

/* makes root/rel when missing, 0700 (2750 when keys/ is group-readable) */
static int
mkdir_ok(char const *root, char const *rel)
{
	mode_t m = jour_mode(root) == 0640 ? 02750 : 0700;
	char path[4096];

	if (!keyrec_path(path, sizeof path, root, rel, 0))
		return 0;
	if (mkdir(path, m) < 0)
		return errno == EEXIST;
	return chmod(path, m) == 0;	/* whatever the umask */
}

/* writes one record's journal file */
static int
put_one(char const *root, struct jrec const *r)
{
	char name[KEYREC_NAME_MAX + 1], dir[4096];

	if (!keyrec_name(name, r->k, r->klen) ||
	    !keyrec_valid(r->k, r->klen, r->v, r->vlen))
		return errno = EINVAL, 0;
	if (!keyrec_path(dir, sizeof dir, root, KEYREC_PENDING, 0))
		return 0;
	return afile_write(dir, name, r->v, r->vlen, jour_mode(root));
}

/* applies the transaction t[0..len) and removes keys/txn */
static int
replay(char const *root, unsigned char const *t, size_t len)
{
	char dir[4096], path[4096];
	struct jrec r;
	size_t pos = 0;

	while (pos < len) {
		r.klen = t[pos++];
		if (r.klen > KEYREC_KEY_MAX || r.klen >= len - pos)
			return errno = EPROTO, 0;
		memcpy(r.k, t + pos, r.klen);
		pos += r.klen;
		r.vlen = t[pos++];
		if (r.vlen > KEYREC_VAL_MAX || r.vlen > len - pos)
			return errno = EPROTO, 0;
		memcpy(r.v, t + pos, r.vlen);
		pos += r.vlen;
		if (!put_one(root, &r))
			return errno == EINVAL ? (errno = EPROTO, 0) : 0;
	}
	if (!keyrec_path(path, sizeof path, root, KEYREC_TXN, 0) ||
	    !keyrec_path(dir, sizeof dir, root, KEYREC_DIR, 0))
		return 0;
	if (unlink(path) < 0)
		return 0;
	return afile_sync_dir(dir);
}

static int
recover(char const *root)
{
	static unsigned char t[TXN_MAX];
	char path[4096];
	size_t len;
	int r;

	if (!keyrec_path(path, sizeof path, root, KEYREC_TXN, 0))
		return 0;
	r = afile_read(path, t, sizeof t, &len);
	if (r == 0)
		return 1;
	if (r < 0)
		return 0;
	return replay(root, t, len);
}

/* the journal files of r[0..n) as they are now, into o; 1 done */
static int
snapshot(char const *root, struct jrec const *r, size_t n, struct jold *o)
{
	char name[KEYREC_NAME_MAX + 1], path[4096];
	size_t i;
	int x;

	for (i = 0; i < n; i++) {
		if (!keyrec_name(name, r[i].k, r[i].klen))
			return errno = EINVAL, 0;
		if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, name))
			return 0;
		x = afile_read(path, o[i].v, sizeof o[i].v, &o[i].len);
		if (x < 0)
			return 0;
		o[i].had = x;
	}
	return 1;
}

/* undoes a transaction whose replay failed part way (a full disk): each
 * journal file of r[0..n) back as o says it was, then keys/txn removed.
 * 1 done; 0 the transaction stays committed (keys/txn), to be finished
 * by the next holder of the lock */
static int
undo(char const *root, struct jrec const *r, size_t n,
    struct jold const *o)
{
	char name[KEYREC_NAME_MAX + 1], dir[4096], path[4096];
	unsigned char now[KEYREC_VAL_MAX];
	size_t i, len;
	int x;

	if (!keyrec_path(dir, sizeof dir, root, KEYREC_PENDING, 0))
		return 0;
	for (i = 0; i < n; i++) {
		if (!keyrec_name(name, r[i].k, r[i].klen) ||
		    !keyrec_path(path, sizeof path, root, KEYREC_PENDING, name))
			return 0;
		/* what the replay did not get to needs nothing, and no room */
		x = afile_read(path, now, sizeof now, &len);
		if (x < 0)
			return 0;
		if (x == o[i].had && (!x || (len == o[i].len &&
		    memcmp(now, o[i].v, len) == 0)))
			continue;
		if (o[i].had) {
			if (!afile_write(dir, name, o[i].v, o[i].len,
			    jour_mode(root)))
				return 0;
		} else if (unlink(path) < 0 && errno != ENOENT)
			return 0;
	}
	if (!afile_sync_dir(dir) ||
	    !keyrec_path(path, sizeof path, root, KEYREC_TXN, 0) ||
	    !keyrec_path(dir, sizeof dir, root, KEYREC_DIR, 0))
		return 0;
	if (unlink(path) < 0)
		return 0;
	return afile_sync_dir(dir);
}

int
jour_lock(struct jour *j, char const *root)
{
	char path[4096];
	int err;

	j->root = root;
	j->fd = -1;
	if (!mkdir_ok(root, KEYREC_DIR) || !mkdir_ok(root, KEYREC_PENDING) ||
	    !keyrec_path(path, sizeof path, root, KEYREC_LOCK, 0))
		return 0;
	j->fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (j->fd < 0)
		return 0;
	while (flock(j->fd, LOCK_EX) < 0)
		if (errno != EINTR)
			goto fail;
	if (recover(root))
		return 1;
fail:
	err = errno;
	close(j->fd);
	j->fd = -1;
	errno = err;
	return 0;
}

void
jour_unlock(struct jour *j)
{
	if (j->fd >= 0)
		close(j->fd);	/* drops the lock */
	j->fd = -1;
}

int
jour_commit(struct jour *j, struct jrec const *r, size_t n)
{
	static unsigned char t[TXN_MAX];
	static struct jold old[TXN_RECS];
	char dir[4096];
	size_t i, len = 0;
	int err;

	if (n == 1)
		return put_one(j->root, &r[0]);
	if (n > TXN_RECS)
		return errno = EINVAL, 0;
	for (i = 0; i < n; i++) {
		if (r[i].klen > KEYREC_KEY_MAX || r[i].vlen > KEYREC_VAL_MAX ||
		    2 + r[i].klen + r[i].vlen > sizeof t - len)
			return errno = EINVAL, 0;
		t[len++] = (unsigned char)r[i].klen;
		memcpy(t + len, r[i].k, r[i].klen);
		len += r[i].klen;
		t[len++] = (unsigned char)r[i].vlen;
		memcpy(t + len, r[i].v, r[i].vlen);
		len += r[i].vlen;
	}
	if (!keyrec_path(dir, sizeof dir, j->root, KEYREC_DIR, 0) ||
	    !snapshot(j->root, r, n, old))
		return 0;
	/* the commit point: keys/txn renamed into place and synced */
	if (!afile_write(dir, KEYREC_TXN_NAME, t, len, 0600))
		return 0;
	if (replay(j->root, t, len))
		return 1;
	/* a failure is answered as one (451 to a REGISTER_INVITATION):
	 * so the change must not happen later either */
	err = errno;
	if (!undo(j->root, r, n, old))
		warn_sys("unable to undo a key table change (it is finished "
		    "by the next writer)");
	errno = err;
	return 0;
}

size_t
jour_count(char const *root, size_t max)
{
	char path[4096];
	struct dirent *d;
	size_t n = 0;
	DIR *dir;

	if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, 0))
		return 0;
	dir = opendir(path);
	if (!dir)
		return 0;
	while (n < max && (d = readdir(dir)) != 0)
		if (d->d_name[0] != '.')
			n++;
	closedir(dir);
	return n;
}
