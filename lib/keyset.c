/* keyset.c: key-table records in memory, sorted; the journal read whole. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "keyrec.h"
#include "keyset.h"

void
keyset_init(struct keyset *s)
{
	s->r = 0;
	s->n = s->cap = 0;
}

void
keyset_free(struct keyset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->r[i].k);
	free(s->r);
	keyset_init(s);
}

int
keyset_add(struct keyset *s, unsigned char const *k, size_t klen,
    unsigned char const *v, size_t vlen)
{
	struct keyset_rec *r;
	unsigned char *b;

	if (klen > KEYREC_KEY_MAX || vlen > KEYREC_VAL_MAX)
		return errno = EINVAL, 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;

		if (cap > (size_t)-1 / sizeof *r / 2)
			return errno = ENOMEM, 0;
		r = realloc(s->r, cap * sizeof *r);
		if (!r)
			return 0;
		s->r = r;
		s->cap = cap;
	}
	b = malloc(klen + vlen);
	if (!b)
		return 0;
	memcpy(b, k, klen);
	memcpy(b + klen, v, vlen);
	r = &s->r[s->n++];
	r->k = b;
	r->klen = klen;
	r->v = b + klen;
	r->vlen = vlen;
	return 1;
}

static int
keycmp(unsigned char const *a, size_t alen, unsigned char const *b,
    size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

static int
reccmp(void const *x, void const *y)
{
	struct keyset_rec const *a = x, *b = y;

	return keycmp(a->k, a->klen, b->k, b->klen);
}

int
keyset_sort(struct keyset *s)
{
	size_t i;

	if (s->n > 1)
		qsort(s->r, s->n, sizeof *s->r, reccmp);
	for (i = 1; i < s->n; i++)
		if (reccmp(&s->r[i - 1], &s->r[i]) == 0)
			return 0;
	return 1;
}

struct keyset_rec const *
keyset_find(struct keyset const *s, unsigned char const *k, size_t klen)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = keycmp(k, klen, s->r[mid].k, s->r[mid].klen);

		if (c == 0)
			return &s->r[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* adds the journal file name of dir to s; 1 done (or gone), 0 error */
static int
add_file(struct keyset *s, char const *root, char const *name)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX];
	char path[4096];
	size_t klen, vlen;
	int r;

	klen = keyrec_unname(k, name);
	if (klen == 0)
		return errno = EPROTO, 0;
	if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, name))
		return 0;
	r = afile_read(path, v, sizeof v, &vlen);
	if (r == 0)
		return 1;	/* merged away since readdir */
	if (r < 0) {
		if (errno == EFBIG)
			errno = EPROTO;
		return 0;
	}
	if (!keyrec_valid(k, klen, v, vlen))
		return errno = EPROTO, 0;
	return keyset_add(s, k, klen, v, vlen);
}

int
keyset_pending(struct keyset *s, char const *root)
{
	char path[4096];
	struct dirent *d;
	DIR *dir;
	int err;

	if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, 0))
		return 0;
	dir = opendir(path);
	if (!dir && errno != ENOENT)
		return 0;
	while (dir) {
		errno = 0;
		d = readdir(dir);
		if (!d) {
			if (errno != 0)
				goto fail;
			closedir(dir);
			break;
		}
		if (d->d_name[0] == '.')
			continue;	/* ".", "..", files being written */
		if (!add_file(s, root, d->d_name))
			goto fail;
	}
	if (!keyset_sort(s))
		return errno = EPROTO, 0;
	return 1;
fail:
	err = errno;
	closedir(dir);
	errno = err;
	return 0;
}
