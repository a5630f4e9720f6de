/* keytab_each.c: every record of the key table, for listings: the
 * journal is read first and the CDB second, so that a merge running
 * meanwhile (which renames the CDB before it empties the journal) loses
 * no record; a journal record hides the CDB record of the same key. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cdb.h>

#include "keyset.h"
#include "keytab.h"

struct each {
	int kind;
	int (*afn)(void *, struct addr const *, struct keyrec const *);
	int (*tfn)(void *, struct tokrec const *);
	void *ctx;
};

/* one record: -1 bad, 0 stopped, 1 go on */
static int
one(struct each const *e, unsigned char const *k, size_t klen,
    unsigned char const *v, size_t vlen)
{
	struct keyrec r;
	struct tokrec t;
	struct addr a;

	if (klen < 1 || k[0] != e->kind)
		return 1;
	if (!keyrec_valid(k, klen, v, vlen))
		return errno = EPROTO, -1;
	if (e->kind == KEYREC_TOKEN) {
		if (!keyrec_tok_get(&t, v, vlen))
			return errno = EPROTO, -1;
		return e->tfn(e->ctx, &t) ? 1 : 0;
	}
	if (!addr_parse(&a, (char const *)k + 1, klen - 1) ||
	    !keyrec_addr_get(&r, v, vlen))
		return errno = EPROTO, -1;
	if (r.state == KEYREC_GONE)
		return 1;
	return e->afn(e->ctx, &a, &r) ? 1 : 0;
}

/* the CDB's records not hidden by the journal j */
static int
each_cdb(struct each const *e, char const *root, struct keyset const *j)
{
	char path[4096];
	struct cdb c;
	unsigned pos;
	int fd, r = 1, x, err;

	if (!keyrec_path(path, sizeof path, root, KEYREC_CDB, 0))
		return -1;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	if (cdb_init(&c, fd) != 0) {
		err = errno ? errno : EPROTO;
		close(fd);
		return errno = err, -1;
	}
	cdb_seqinit(&pos, &c);
	while ((x = cdb_seqnext(&pos, &c)) > 0) {
		unsigned char const *k = cdb_getkey(&c), *v = cdb_getdata(&c);
		size_t klen = cdb_keylen(&c), vlen = cdb_datalen(&c);

		if (!k || !v) {
			r = -1;
			break;
		}
		if (keyset_find(j, k, klen))
			continue;
		r = one(e, k, klen, v, vlen);
		if (r <= 0)
			break;
	}
	if (x < 0)
		r = -1;
	err = errno;
	cdb_free(&c);
	close(fd);
	errno = err ? err : EPROTO;
	return r;
}

static int
each(struct each const *e, char const *root)
{
	struct keyset j;
	size_t i;
	int r;

	keyset_init(&j);
	if (!keyset_pending(&j, root)) {
		keyset_free(&j);
		return -1;
	}
	r = each_cdb(e, root, &j);
	for (i = 0; r > 0 && i < j.n; i++)
		r = one(e, j.r[i].k, j.r[i].klen, j.r[i].v, j.r[i].vlen);
	keyset_free(&j);
	return r;
}

int
keytab_each_addr(char const *root,
    int (*fn)(void *ctx, struct addr const *a, struct keyrec const *r),
    void *ctx)
{
	struct each e = { KEYREC_ADDR, fn, 0, ctx };

	return each(&e, root);
}

int
keytab_each_token(char const *root,
    int (*fn)(void *ctx, struct tokrec const *t), void *ctx)
{
	struct each e = { KEYREC_TOKEN, 0, fn, ctx };

	return each(&e, root);
}
