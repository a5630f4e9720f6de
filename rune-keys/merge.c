/* merge.c: folds the journal into keys/keys.cdb.
 *
 * Under keys/merge.lock (one merge at a time): take keys/lock, read the
 * journal whole, drop keys/lock; build the new CDB from the old one and
 * that snapshot into keys/.keys.cdb.tmp.N and fsync it (the long part,
 * with registrations going on); take keys/lock again, rename the new CDB
 * into place, fsync keys/, and remove each journal file still equal to
 * its snapshot, and stale temporary files (doc/keys.md).  merge_maybe
 * starts one in the background once the journal is long enough. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cdb.h>
#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "keys.h"
#include "num.h"
#include "ownroot.h"
#include "rune.h"

#define TMP_PREFIX ".keys.cdb.tmp."

/* copies the old CDB's records not in j; a record of add already there
 * is a conflict (*taken set) */
static int
copy_old(struct cdb_make *m, char const *root, struct keyset const *j,
    struct keyset const *add, int *taken)
{
	char path[4096];
	struct cdb c;
	unsigned pos;
	int fd, x, ok = 1;

	if (!keyrec_path(path, sizeof path, root, KEYREC_CDB, 0))
		return 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT;
	if (cdb_init(&c, fd) != 0) {
		close(fd);
		return errno = EPROTO, 0;
	}
	cdb_seqinit(&pos, &c);
	while (ok && (x = cdb_seqnext(&pos, &c)) > 0) {
		unsigned char const *k = cdb_getkey(&c), *v = cdb_getdata(&c);
		unsigned klen = cdb_keylen(&c), vlen = cdb_datalen(&c);

		if (!k || !v || !keyrec_valid(k, klen, v, vlen)) {
			errno = EPROTO;
			ok = 0;
		} else if (keyset_find(j, k, klen))
			continue;	/* the journal's record replaces it */
		else if (add && keyset_find(add, k, klen))
			*taken = 1;
		else
			ok = cdb_make_add(m, k, klen, v, vlen) == 0;
	}
	if (ok && x < 0)
		ok = 0;
	cdb_free(&c);
	close(fd);
	return ok;
}

/* adds the records of s, tombstones left out */
static int
add_set(struct cdb_make *m, struct keyset const *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct keyset_rec const *r = &s->r[i];

		if (r->k[0] == KEYREC_ADDR && r->v[1] == KEYREC_GONE)
			continue;
		if (cdb_make_add(m, r->k, (unsigned)r->klen, r->v,
		    (unsigned)r->vlen) != 0)
			return 0;
	}
	return 1;
}

/* a record of add that the journal j holds (other than a tombstone) */
static int
add_in_journal(struct keyset const *j, struct keyset const *add)
{
	size_t i;

	for (i = 0; i < add->n; i++) {
		struct keyset_rec const *r = keyset_find(j, add->r[i].k,
		    add->r[i].klen);

		if (r && !(r->k[0] == KEYREC_ADDR && r->v[1] == KEYREC_GONE))
			return 1;
	}
	return 0;
}

/* builds keys/TMP from the old CDB, j and add; 1 done (tmp named),
 * 0 error, -1 conflict (nothing left behind) */
static int
build(char const *root, struct keyset const *j, struct keyset const *add,
    char *tmp, size_t max)
{
	char name[64];
	struct cdb_make m;
	int fd, taken = 0, ok, err;

	if (add && add_in_journal(j, add))
		return -1;
	snprintf(name, sizeof name, TMP_PREFIX "%08x",
	    (unsigned)randombytes_random());
	if (!keyrec_path(tmp, max, root, KEYREC_DIR, name))
		return 0;
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return 0;
	if (fchmod(fd, jour_mode(root)) < 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		return errno = err, 0;
	}
	if (cdb_make_start(&m, fd) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		return errno = err, 0;
	}
	ok = copy_old(&m, root, j, add, &taken) && !taken &&
	    add_set(&m, j) && (!add || add_set(&m, add));
	err = errno;
	/* finish even after a failure: it frees the maker's lists */
	if (cdb_make_finish(&m) != 0 && ok) {
		err = errno;
		ok = 0;
	}
	if (ok && fsync(fd) != 0) {
		err = errno;
		ok = 0;
	}
	if (close(fd) != 0 && ok) {
		err = errno;
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	errno = err;
	return ok ? 1 : taken ? -1 : 0;
}

/* removes the temporary files of dir (names ".*.tmp.*"): only while both
 * locks are held, when no writer can be using one */
static void
clean_dir(char const *root, char const *rel)
{
	char dir[4096], path[4096];
	struct dirent *d;
	DIR *dp;

	if (!keyrec_path(dir, sizeof dir, root, rel, 0))
		return;
	dp = opendir(dir);
	if (!dp)
		return;
	while ((d = readdir(dp)) != 0) {
		if (d->d_name[0] != '.' || !strstr(d->d_name, ".tmp."))
			continue;
		if (keyrec_path(path, sizeof path, root, rel, d->d_name) &&
		    unlink(path) < 0 && errno != ENOENT)
			warn_sys("unable to remove a temporary file of %s",
			    rel);	/* its name holds an address */
	}
	closedir(dp);
}

/* removes the journal files of j still equal to their snapshot */
static int
drop_merged(char const *root, struct keyset const *j)
{
	unsigned char v[KEYREC_VAL_MAX];
	char name[KEYREC_NAME_MAX + 1], path[4096];
	size_t i, vlen;
	int r;

	for (i = 0; i < j->n; i++) {
		if (!keyrec_name(name, j->r[i].k, j->r[i].klen) ||
		    !keyrec_path(path, sizeof path, root, KEYREC_PENDING, name))
			return 0;
		r = afile_read(path, v, sizeof v, &vlen);
		if (r < 0)
			return 0;
		if (r == 0 || vlen != j->r[i].vlen ||
		    memcmp(v, j->r[i].v, vlen) != 0)
			continue;	/* changed since: stays */
		if (unlink(path) < 0 && errno != ENOENT)
			return 0;
	}
	if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, 0))
		return 0;
	return afile_sync_dir(path);
}

/* the new CDB tmp into place, then the journal emptied; keys/lock held */
static int
commit(char const *root, struct keyset const *j, char const *tmp)
{
	char dir[4096], path[4096];

	if (tmp) {
		if (!keyrec_path(dir, sizeof dir, root, KEYREC_DIR, 0) ||
		    !keyrec_path(path, sizeof path, root, KEYREC_CDB, 0))
			return 0;
		if (rename(tmp, path) < 0) {
			unlink(tmp);
			return 0;
		}
		if (!afile_sync_dir(dir) || !drop_merged(root, j))
			return 0;
	}
	clean_dir(root, KEYREC_DIR);
	clean_dir(root, KEYREC_PENDING);
	return 1;
}

/* takes keys/merge.lock: 1 held (*fd), 0 busy (wait 0), -1 error */
static int
merge_lock(char const *root, int wait, int *fd)
{
	char path[4096];

	if (!keyrec_path(path, sizeof path, root, KEYREC_MLOCK, 0))
		return -1;
	*fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (*fd < 0)
		return -1;
	while (flock(*fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		close(*fd);
		return errno == EWOULDBLOCK ? 0 : -1;
	}
	return 1;
}

/* one merge, with add (load) or without; returns an exit code */
static int
merge(char const *root, int wait, struct keyset const *add)
{
	char tmp[4096];
	struct keyset j;
	struct jour jr;
	int mfd, r, code = RUNE_EXIT_TEMP;

	if (!jour_lock(&jr, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	r = merge_lock(root, wait, &mfd);
	jour_unlock(&jr);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	if (r == 0)
		return RUNE_EXIT_OK;	/* another merge runs */
	keyset_init(&j);
	if (!jour_lock(&jr, root) || !keyset_pending(&j, root))
		goto out;
	if (!add)
		jour_unlock(&jr);	/* registrations go on meanwhile */
	r = j.n > 0 || add ? build(root, &j, add, tmp, sizeof tmp) : 2;
	if (r == -1) {
		code = KEYS_EXIT_TAKEN;
		goto out;
	}
	if (r == 0 || (!add && !jour_lock(&jr, root)))
		goto out;
	if (commit(root, &j, r == 1 ? tmp : 0))
		code = RUNE_EXIT_OK;
out:
	if (code == RUNE_EXIT_TEMP)
		warn_sys("unable to merge the key table");
	jour_unlock(&jr);
	keyset_free(&j);
	close(mfd);
	return code;
}

int
merge_run(char const *root, int wait)
{
	return merge(root, wait, 0);
}

int
merge_load(char const *root, struct keyset const *add)
{
	return merge(root, 1, add);
}

void
merge_maybe(char const *root)
{
	/* a tuning knob for tests; not the caller's to turn when setuid */
	char const *e = ownroot_setuid() ? NULL : getenv("RUNE_MERGE_PENDING");
	uint64_t at = KEYS_MERGE_AT_DEFAULT;
	pid_t pid;
	int fd;

	if (e && !num_parse(&at, e, strlen(e))) {
		warn("invalid $RUNE_MERGE_PENDING");
		return;
	}
	if (at == 0 || jour_count(root, (size_t)at) < at)
		return;
	pid = fork();
	if (pid < 0) {
		warn_sys("unable to start a merge");
		return;
	}
	if (pid > 0)
		return;		/* the caller does not wait for it */
	/* the child: let go of the caller's stdin and stdout pipes */
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0 || setsid() < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0)
		_exit(RUNE_EXIT_TEMP);
	_exit(merge_run(root, 0));
}
