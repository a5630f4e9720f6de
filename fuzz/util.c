/* util.c: the fuzz targets' shared parts (fuzz.h). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cdb.h>
#include <sodium.h>

#include "fuzz.h"
#include "keyrec.h"

long
fuzz_mem_read(void *ctx, unsigned char *buf, size_t len)
{
	struct fuzz_mem *m = ctx;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	if (m->chunk > 0 && n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

static char scratch[PATH_MAX];

static int
rm_one(char const *path, struct stat const *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	if (f->level == 0)
		return 0;
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int
fuzz_empty(char const *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

static void
scratch_remove(void)
{
	if (scratch[0] && fuzz_empty(scratch))
		rmdir(scratch);
}

int
fuzz_put(char const *root, char const *rel, void const *p, size_t len)
{
	char path[PATH_MAX];
	int fd, n = snprintf(path, sizeof path, "%s/%s", root, rel);
	ssize_t w;

	if (n < 0 || (size_t)n >= sizeof path)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	w = write(fd, p, len);
	return close(fd) == 0 && w == (ssize_t)len;
}

void
fuzz_path(char *out, size_t max, char const *rel)
{
	int n = snprintf(out, max, "%s/%s", scratch, rel);

	if (n < 0 || (size_t)n >= max)
		abort();
}

char const *
fuzz_scratch(void)
{
	char const *tmp = getenv("TMPDIR");
	char ctl[PATH_MAX];

	if (scratch[0])
		return scratch;
	if (sodium_init() < 0)
		abort();
	if (!tmp || *tmp != '/')
		tmp = "/tmp";
	if (snprintf(scratch, sizeof scratch, "%s/rune-fuzz.XXXXXX", tmp) >=
	    (int)sizeof scratch || !mkdtemp(scratch))
		abort();
	atexit(scratch_remove);
	fuzz_path(ctl, sizeof ctl, "control");
	if (mkdir(ctl, 0700) < 0 ||
	    !fuzz_put(scratch, "control/domain", FUZZ_DOMAIN,
	    sizeof FUZZ_DOMAIN - 1) ||
	    !fuzz_put(scratch, "control/registration", "both\n", 5) ||
	    setenv("RUNE_ROOT", scratch, 1) < 0)
		abort();
	return scratch;
}

void
fuzz_keypair(int i, unsigned char pk[32], unsigned char sk[64])
{
	unsigned char seed[32];

	memset(seed, i, sizeof seed);
	if (crypto_sign_seed_keypair(pk, sk, seed) != 0)
		abort();
}

static void
table_add(struct cdb_make *m, unsigned char const *k, size_t klen,
    unsigned char const *v, size_t vlen)
{
	if (cdb_make_add(m, k, (unsigned)klen, v, (unsigned)vlen) != 0)
		abort();
}

int
fuzz_table_start(struct cdb_make *m)
{
	char path[4096];
	int fd;

	fuzz_path(path, sizeof path, "" KEYREC_CDB);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || cdb_make_start(m, fd) != 0)
		abort();
	return fd;
}

void
fuzz_table_addr(struct cdb_make *m, char const *s, int state, int key)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX], sk[64];
	struct keyrec r;
	struct addr a;

	memset(&r, 0, sizeof r);
	r.state = state;
	if (key)
		fuzz_keypair(key, r.pk, sk);
	if (!addr_parse(&a, s, strlen(s)))
		abort();
	table_add(m, k, keyrec_addr_key(k, KEYREC_ADDR, &a), v,
	    keyrec_addr_put(v, &r));
}

void
fuzz_table_token(struct cdb_make *m, char const *s, char const *token)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX], h[KEYREC_HASH_LEN];
	struct tokrec t;

	memset(&t, 0, sizeof t);
	if (!addr_parse(&t.addr, s, strlen(s)))
		abort();
	t.expires = 4000000000u;
	t.state = KEYREC_VALID;
	keyrec_tok_hash(h, token, strlen(token));
	table_add(m, k, keyrec_tok_key(k, h), v, keyrec_tok_put(v, &t));
	table_add(m, k, keyrec_addr_key(k, KEYREC_INDEX, &t.addr), v,
	    keyrec_index_put(v, h));
}
