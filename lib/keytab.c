/* keytab.c: read-only lookups in the key table: one small file in
 * keys/pending/ (the journal), else one probe of keys/keys.cdb.  Constant
 * work per lookup, whatever the size of the table. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

#include "afile.h"
#include "keytab.h"

/* the value of k in the CDB of root; 1, 0 absent, -1 error.  cdb_seek
 * reads the few slots it needs with read(2): measured (bench/keys.sh,
 * doc/keys.md) 10 to 20 times cheaper than mapping and unmapping the
 * file for each lookup, and as constant in the table's size */
static int
cdb_get_value(char const *root, unsigned char const *k, size_t klen,
    unsigned char v[KEYREC_VAL_MAX], size_t *vlen)
{
	char path[4096];
	unsigned dlen = 0;
	int fd, r, err;

	if (!keyrec_path(path, sizeof path, root, KEYREC_CDB, 0))
		return -1;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	errno = 0;
	r = cdb_seek(fd, k, (unsigned)klen, &dlen);
	if (r > 0) {
		*vlen = dlen;
		if (dlen > KEYREC_VAL_MAX || cdb_bread(fd, v, (int)dlen) != 0)
			r = -1;
	}
	if (r < 0 && (errno == 0 || dlen > KEYREC_VAL_MAX))
		errno = EPROTO;
	err = errno;
	close(fd);
	errno = err;
	return r > 0 ? 1 : r;
}

int
keytab_get(char const *root, unsigned char const *k, size_t klen,
    unsigned char v[KEYREC_VAL_MAX], size_t *vlen)
{
	char name[KEYREC_NAME_MAX + 1], path[4096];
	int r;

	if (!keyrec_name(name, k, klen))
		return errno = EINVAL, -1;
	if (!keyrec_path(path, sizeof path, root, KEYREC_PENDING, name))
		return -1;
	r = afile_read(path, v, KEYREC_VAL_MAX, vlen);
	if (r == 0)
		r = cdb_get_value(root, k, klen, v, vlen);
	else if (r < 0 && errno == EFBIG)
		errno = EPROTO;
	if (r > 0 && !keyrec_valid(k, klen, v, *vlen))
		return errno = EPROTO, -1;
	return r;
}

int
keytab_lookup(char const *root, struct addr const *a, struct keyrec *r)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX];
	size_t klen, vlen;
	int x;

	klen = keyrec_addr_key(k, KEYREC_ADDR, a);
	x = keytab_get(root, k, klen, v, &vlen);
	if (x <= 0)
		return x;
	if (!keyrec_addr_get(r, v, vlen))
		return errno = EPROTO, -1;
	return r->state == KEYREC_GONE ? 0 : 1;
}

int
keytab_token(char const *root, char const *token, size_t len,
    struct tokrec *t)
{
	unsigned char h[KEYREC_HASH_LEN], k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX];
	size_t klen, vlen;
	int x;

	if (!keyrec_tok_syntax(token, len))
		return 0;
	keyrec_tok_hash(h, token, len);
	klen = keyrec_tok_key(k, h);
	x = keytab_get(root, k, klen, v, &vlen);
	if (x <= 0)
		return x;
	if (!keyrec_tok_get(t, v, vlen))
		return errno = EPROTO, -1;
	return 1;
}
