/* tlsbin.c: tls/tls.bin written from the PEM files and read back
 * (tlsbin.h), parsed in one place with explicit bounds. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "num.h"
#include "tlsbin.h"

#define MAGIC	"RUNETLS1"
#define LABEL	"RUNE tls.bin 1"

/* the check of the PEM files as they are now into h; 1 done, 0 a file
 * unreadable or too long (errno set) */
static int
check_of(unsigned char h[32], char const *certfile, char const *keyfile)
{
	static unsigned char pem[TLSPEM_FILE_MAX];
	char const *f[2] = { certfile, keyfile };
	crypto_generichash_state g;
	unsigned char n[8];
	size_t len = 0;
	int i;

	(void)crypto_generichash_init(&g, NULL, 0, 32);
	(void)crypto_generichash_update(&g, (unsigned char const *)LABEL,
	    sizeof LABEL - 1);
	for (i = 0; i < 2; i++) {
		int r = afile_read(f[i], pem, sizeof pem, &len);

		if (r != 1) {
			sodium_memzero(pem, sizeof pem);
			if (r == 0)
				errno = ENOENT;
			return 0;
		}
		num_pack_be8(n, len);
		(void)crypto_generichash_update(&g, n, sizeof n);
		(void)crypto_generichash_update(&g, pem, len);
		sodium_memzero(pem, len);	/* key.pem is a secret */
	}
	(void)crypto_generichash_final(&g, h, 32);
	return 1;
}

/* out[*at..) = be4 n || p[0..n); 0 no room */
static int
put(unsigned char *out, size_t *at, void const *p, size_t n)
{
	if (n > UINT32_MAX || n > TLSBIN_MAX - *at ||
	    4 > TLSBIN_MAX - *at - n)
		return 0;
	num_pack_be4(out + *at, (uint32_t)n);
	memcpy(out + *at + 4, p, n);
	*at += 4 + n;
	return 1;
}

int
tlsbin_make(unsigned char *out, size_t *len, char const *certfile,
    char const *keyfile)
{
	static struct tlspem_chain c;
	static br_skey_decoder_context k;
	size_t at = 8 + 32, i;
	int ok = 0;

	memcpy(out, MAGIC, 8);
	if (!check_of(out + 8, certfile, keyfile)) {
		warn_sys("unable to read %s or %s", certfile, keyfile);
		return 0;
	}
	if (!tlspem_chain(&c, certfile) || !tlspem_key(&k, keyfile))
		goto done;
	out[at++] = (unsigned char)c.n;
	for (i = 0; i < c.n; i++)
		if (!put(out, &at, c.cert[i].data, c.cert[i].data_len))
			goto toolong;
	if (br_skey_decoder_key_type(&k) == BR_KEYTYPE_EC) {
		br_ec_private_key const *e = br_skey_decoder_get_ec(&k);

		out[at++] = BR_KEYTYPE_EC;
		num_pack_be4(out + at, (uint32_t)e->curve);
		at += 4;
		if (!put(out, &at, e->x, e->xlen))
			goto toolong;
	} else if (br_skey_decoder_key_type(&k) == BR_KEYTYPE_RSA) {
		br_rsa_private_key const *r = br_skey_decoder_get_rsa(&k);

		out[at++] = BR_KEYTYPE_RSA;
		num_pack_be4(out + at, r->n_bitlen);
		at += 4;
		if (!put(out, &at, r->p, r->plen) ||
		    !put(out, &at, r->q, r->qlen) ||
		    !put(out, &at, r->dp, r->dplen) ||
		    !put(out, &at, r->dq, r->dqlen) ||
		    !put(out, &at, r->iq, r->iqlen))
			goto toolong;
	} else {
		warn("%s: key type %d not supported", keyfile,
		    br_skey_decoder_key_type(&k));
		goto done;
	}
	*len = at;
	ok = 1;
	goto done;
toolong:
	warn("%s, %s: too large for %s", certfile, keyfile, TLSBIN_NAME);
done:
	sodium_memzero(&k, sizeof k);
	return ok;
}

/* a bounded reader of the file's octets */
struct rd {
	unsigned char const *p;
	size_t n, at;
};

static int
get(struct rd *r, unsigned char const **p, size_t n)
{
	if (n > r->n - r->at)
		return 0;
	*p = r->p + r->at;
	r->at += n;
	return 1;
}

static int
get4(struct rd *r, uint32_t *v)
{
	unsigned char const *p;

	if (!get(r, &p, 4))
		return 0;
	*v = num_unpack_be4(p);
	return 1;
}

/* a be4 length and its octets, copied to dst[*at..max) */
static int
field(struct rd *r, unsigned char *dst, size_t *at, size_t max,
    unsigned char **out, size_t *outlen)
{
	unsigned char const *p;
	uint32_t n;

	if (!get4(r, &n) || n == 0 || n > max - *at || !get(r, &p, n))
		return 0;
	memcpy(dst + *at, p, n);
	*out = dst + *at;
	*outlen = n;
	*at += n;
	return 1;
}

static int
parse(struct rd *r, struct tlspem_chain *c, struct tlsbin_key *k)
{
	unsigned char const *p;
	unsigned char *q;
	size_t at = 0, i, n;
	uint32_t v;

	if (!get(r, &p, 1) || p[0] == 0 || p[0] > TLSPEM_CHAIN_MAX)
		return 0;
	c->n = p[0];
	c->derlen = 0;
	for (i = 0; i < c->n; i++) {
		if (!field(r, c->der, &c->derlen, sizeof c->der, &q, &n))
			return 0;
		c->cert[i].data = q;
		c->cert[i].data_len = n;
	}
	if (!get(r, &p, 1))
		return 0;
	k->type = p[0];
	if (k->type == BR_KEYTYPE_EC) {
		if (!get4(r, &v) || !field(r, k->buf, &at, sizeof k->buf,
		    &k->ec.x, &k->ec.xlen))
			return 0;
		k->ec.curve = (int)v;
		if (v != BR_EC_secp256r1 && v != BR_EC_secp384r1 &&
		    v != BR_EC_secp521r1)
			return 0;
	} else if (k->type == BR_KEYTYPE_RSA) {
		if (!get4(r, &v) || v == 0 || v > 8 * TLSPEM_KEYDER_MAX ||
		    !field(r, k->buf, &at, sizeof k->buf, &k->rsa.p,
		    &k->rsa.plen) ||
		    !field(r, k->buf, &at, sizeof k->buf, &k->rsa.q,
		    &k->rsa.qlen) ||
		    !field(r, k->buf, &at, sizeof k->buf, &k->rsa.dp,
		    &k->rsa.dplen) ||
		    !field(r, k->buf, &at, sizeof k->buf, &k->rsa.dq,
		    &k->rsa.dqlen) ||
		    !field(r, k->buf, &at, sizeof k->buf, &k->rsa.iq,
		    &k->rsa.iqlen))
			return 0;
		k->rsa.n_bitlen = v;
	} else
		return 0;
	return r->at == r->n;
}

int
tlsbin_load(struct tlspem_chain *c, struct tlsbin_key *k,
    char const *binfile, char const *certfile, char const *keyfile,
    char const **why)
{
	static unsigned char b[TLSBIN_MAX];
	unsigned char h[32];
	struct rd r = { b, 0, 0 };
	int ret = -1, rd;

	rd = afile_read(binfile, b, sizeof b, &r.n);
	if (rd == 0)
		return 0;
	*why = "unreadable";
	if (rd < 0)
		return -1;
	*why = "malformed";
	if (r.n < 8 + 32 || memcmp(b, MAGIC, 8) != 0)
		goto done;
	*why = "stale: the PEM files changed since it was made";
	if (!check_of(h, certfile, keyfile)) {
		*why = "stale: the PEM files are unreadable";
		goto done;
	}
	if (sodium_memcmp(h, b + 8, 32) != 0)
		goto done;
	*why = "malformed";
	r.at = 8 + 32;
	if (!parse(&r, c, k)) {
		tlsbin_key_wipe(k);
		c->n = 0;
		goto done;
	}
	ret = 1;
done:
	sodium_memzero(b, r.n);
	return ret;
}

void
tlsbin_key_wipe(struct tlsbin_key *k)
{
	sodium_memzero(k, sizeof *k);
}
