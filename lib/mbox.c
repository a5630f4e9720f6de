/* mbox.c: reading a mailbox: one readdir of cur/ and a sort, no open or
 * stat per message.  A message file is cur/TIME.ID.SIZE (doc/store.md);
 * tmp/ and any other name are ignored. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "hexid.h"
#include "num.h"
#include "mbox.h"

/* called for each message file; returns 1 go on, 0 stop, -1 fail */
typedef int (*scan_fn)(void *ctx, char const *ent, struct mbox_msg const *m);

/* calls fn for each message file of the cur/ directory at curfd (one
 * readdir: the name tells time, id and size); 1 done, 0 error (errno) */
static int
scan(int curfd, scan_fn fn, void *ctx)
{
	struct dirent *e;
	struct mbox_msg m;
	DIR *d;
	int fd, r = 1, err = 0;

	/* a description of its own, so that curfd's offset is not shared */
	fd = openat(curfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	d = fdopendir(fd);
	if (d == NULL) {
		err = errno;
		close(fd);
		return errno = err, 0;
	}
	for (;;) {
		errno = 0;
		e = readdir(d);
		if (e == NULL) {
			err = errno;
			break;
		}
		if ((e->d_type != DT_REG && e->d_type != DT_UNKNOWN) ||
		    !mbox_ent_parse(e->d_name, &m))
			continue;
		r = fn(ctx, e->d_name, &m);
		if (r <= 0) {
			err = r < 0 ? errno : 0;
			break;
		}
	}
	closedir(d);
	errno = err;
	return r >= 0 && err == 0;
}

static int
add(void *ctx, char const *ent, struct mbox_msg const *m)
{
	struct mbox_list *l = ctx;
	struct mbox_msg *v;
	size_t cap;

	(void)ent;
	if (l->n == l->cap) {
		if (l->cap >= MBOX_LIST_MAX)
			return errno = EFBIG, -1;
		cap = l->cap ? l->cap * 2 : 64;
		if (cap > MBOX_LIST_MAX)
			cap = MBOX_LIST_MAX;
		v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *m;
	return 1;
}

static int
older(void const *a, void const *b)
{
	struct mbox_msg const *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return memcmp(x->hex, y->hex, RUNE_ID_HEX_LEN);
}

void
mbox_list_free(struct mbox_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int
mbox_list_fd(int curfd, struct mbox_list *l)
{
	int err;

	l->v = NULL;
	l->n = l->cap = 0;
	if (!scan(curfd, add, l)) {
		err = errno;
		mbox_list_free(l);
		return errno = err, 0;
	}
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, older);
	return 1;
}

/* the cur/ directory of mailbox name: fd >= 0, -1 absent, -2 error */
static int
open_cur(char const *root, char const *name)
{
	char path[4096];
	int fd;

	if (!mbox_name_ok(name, strlen(name)))
		return errno = EINVAL, -2;
	if (!mbox_path(path, sizeof path, root, name, "cur"))
		return -2;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -1 : -2;
	return fd;
}

int
mbox_list(char const *root, char const *name, struct mbox_list *l)
{
	int fd = open_cur(root, name), r, err;

	l->v = NULL;
	l->n = l->cap = 0;
	if (fd == -1)
		return 1;
	if (fd < 0)
		return 0;
	r = mbox_list_fd(fd, l);
	err = errno;
	close(fd);
	errno = err;
	return r;
}

struct usage {
	struct mbox_usage *u;
	char const *want;
	int dup;
};

static int
sum(void *ctx, char const *ent, struct mbox_msg const *m)
{
	struct usage *x = ctx;
	struct mbox_usage *u = x->u;

	(void)ent;
	u->count++;
	u->bytes += m->size;
	/* the newest as LIST orders them: by time, then by id */
	if (u->count == 1 || m->time > u->newest || (m->time == u->newest &&
	    memcmp(m->hex, u->newest_hex, RUNE_ID_HEX_LEN) > 0)) {
		u->newest = m->time;
		memcpy(u->newest_hex, m->hex, RUNE_ID_HEX_LEN + 1);
	}
	if (x->want && memcmp(m->hex, x->want, RUNE_ID_HEX_LEN) == 0)
		x->dup = 1;
	return 1;
}

int
mbox_usage_scan(int curfd, char const *want, struct mbox_usage *u, int *dup)
{
	struct usage x = { u, want, 0 };

	u->count = u->bytes = u->newest = 0;
	u->newest_hex[0] = '\0';
	if (!scan(curfd, sum, &x))
		return 0;
	if (dup)
		*dup = x.dup;
	return 1;
}

int
mbox_usage_fd(int curfd, uint64_t *count, uint64_t *bytes)
{
	struct mbox_usage u;

	if (!mbox_usage_scan(curfd, NULL, &u, NULL))
		return 0;
	*count = u.count;
	*bytes = u.bytes;
	return 1;
}

int
mbox_usage(char const *root, char const *name, uint64_t *count,
    uint64_t *bytes)
{
	int fd = open_cur(root, name), r, err;

	if (fd == -1) {
		*count = *bytes = 0;
		return 1;
	}
	if (fd < 0)
		return 0;
	r = mbox_usage_fd(fd, count, bytes);
	err = errno;
	close(fd);
	errno = err;
	return r;
}

struct find {
	char const *hex;
	char *ent;
	uint64_t size;
	int found;
};

static int
match(void *ctx, char const *ent, struct mbox_msg const *m)
{
	struct find *f = ctx;

	if (memcmp(m->hex, f->hex, RUNE_ID_HEX_LEN) != 0)
		return 1;
	memcpy(f->ent, ent, strlen(ent) + 1);
	f->size = m->size;
	f->found = 1;
	return 0;
}

int
mbox_find_fd(int curfd, unsigned char const id[RUNE_ID_LEN],
    char ent[MBOX_ENT_MAX + 1], uint64_t *size)
{
	char hex[RUNE_ID_HEX_LEN + 1];
	struct find f = { hex, ent, 0, 0 };

	hexid_fmt(hex, id);

	if (!scan(curfd, match, &f))
		return -1;
	if (f.found && size)
		*size = f.size;
	return f.found;
}

int
mbox_open_msg(char const *root, char const *name,
    unsigned char const id[RUNE_ID_LEN], int *fd, uint64_t *size)
{
	char ent[MBOX_ENT_MAX + 1];
	struct stat st = { 0 };
	uint64_t size0 = 0;
	int cur, r, m = -1, err;

	cur = open_cur(root, name);
	if (cur == -1)
		return 0;
	if (cur < 0)
		return -1;
	r = mbox_find_fd(cur, id, ent, &size0);
	if (r == 1) {
		m = openat(cur, ent, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (m < 0)
			r = errno == ENOENT ? 0 : -1;	/* deleted meanwhile */
		else if (fstat(m, &st) < 0)
			r = -1;
		else if (!S_ISREG(st.st_mode) ||
		    (uint64_t)st.st_size != size0) {
			errno = EPROTO;	/* not what rune-store wrote */
			r = -1;
		}
	}
	err = errno;
	if (r != 1 && m >= 0)
		close(m);
	close(cur);
	if (r == 1) {
		*fd = m;
		*size = (uint64_t)st.st_size;
	}
	errno = err;
	return r;
}
