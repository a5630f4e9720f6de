/* voprf.c: RFC 9497's VOPRF, ristretto255-SHA512, mode 0x01.  Names
 * follow the RFC: HashToGroup, HashToScalar, ComputeComposites,
 * GenerateProof, VerifyProof, Finalize. */
#include <string.h>
#include <sodium.h>

#include "voprf.h"

/* "OPRFV1-" || 0x01 || "-ristretto255-SHA512": 28 octets with a raw 0x01 */
static unsigned char const context[] = {
	'O', 'P', 'R', 'F', 'V', '1', '-', 0x01, '-', 'r', 'i', 's', 't',
	'r', 'e', 't', 't', 'o', '2', '5', '5', '-', 'S', 'H', 'A', '5',
	'1', '2' };

/* a transcript being built; bad is set when it would overflow */
struct tr {
	unsigned char b[320];
	size_t n;
	int bad;
};

static void
put(struct tr *t, void const *p, size_t n)
{
	if (t->bad || n > sizeof t->b - t->n) {
		t->bad = 1;
		return;
	}
	memcpy(t->b + t->n, p, n);
	t->n += n;
}

static void
put16(struct tr *t, size_t v)
{
	unsigned char b[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	if (v > 0xffff)
		t->bad = 1;
	put(t, b, 2);
}

/* I2OSP(len, 2) || p */
static void
putlen(struct tr *t, void const *p, size_t n)
{
	put16(t, n);
	put(t, p, n);
}

/* a DST: prefix || contextString */
static void
dst(struct tr *t, char const *prefix)
{
	t->n = 0;
	t->bad = 0;
	put(t, prefix, strlen(prefix));
	put(t, context, sizeof context);
}

/* expand_message_xmd(msg, DST, 64) with SHA-512 (RFC 9380 5.3.1): one
 * block, so uniform_bytes = b_1 */
static void
xmd64(unsigned char out[64], unsigned char const *msg, size_t mlen,
    struct tr const *d)
{
	static unsigned char const zpad[128];
	unsigned char const lib[2] = { 0, 64 }, zero = 0, one = 1;
	unsigned char dlen = (unsigned char)d->n, b0[64];
	crypto_hash_sha512_state st;

	crypto_hash_sha512_init(&st);
	crypto_hash_sha512_update(&st, zpad, sizeof zpad);
	crypto_hash_sha512_update(&st, msg, mlen);
	crypto_hash_sha512_update(&st, lib, 2);
	crypto_hash_sha512_update(&st, &zero, 1);
	crypto_hash_sha512_update(&st, d->b, d->n);
	crypto_hash_sha512_update(&st, &dlen, 1);
	crypto_hash_sha512_final(&st, b0);
	crypto_hash_sha512_init(&st);
	crypto_hash_sha512_update(&st, b0, sizeof b0);
	crypto_hash_sha512_update(&st, &one, 1);
	crypto_hash_sha512_update(&st, d->b, d->n);
	crypto_hash_sha512_update(&st, &dlen, 1);
	crypto_hash_sha512_final(&st, out);
	sodium_memzero(b0, sizeof b0);
}

/* HashToGroup(x); 0 when x maps to the identity */
static int
hash_to_group(unsigned char P[VOPRF_ELEM], unsigned char const *x,
    size_t xlen)
{
	unsigned char u[64];
	struct tr d;

	dst(&d, "HashToGroup-");
	xmd64(u, x, xlen, &d);
	crypto_core_ristretto255_from_hash(P, u);
	return !sodium_is_zero(P, VOPRF_ELEM);
}

/* HashToScalar(m) under prefix || contextString */
static void
hash_to_scalar(unsigned char s[VOPRF_SCALAR], unsigned char const *m,
    size_t mlen, char const *prefix)
{
	unsigned char u[64];
	struct tr d;

	dst(&d, prefix);
	xmd64(u, m, mlen, &d);
	crypto_core_ristretto255_scalar_reduce(s, u);
	sodium_memzero(u, sizeof u);
}

int
voprf_element_ok(unsigned char const e[VOPRF_ELEM])
{
	return (e[31] & 0x80) == 0 && !sodium_is_zero(e, VOPRF_ELEM) &&
	    crypto_core_ristretto255_is_valid_point(e) == 1;
}

int
voprf_scalar_ok(unsigned char const s[VOPRF_SCALAR])
{
	/* L = 2^252 + 27742317777372353535851937790883648493, little-endian */
	static unsigned char const L[32] = {
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c,
		0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0x10 };
	int i;

	for (i = 31; i >= 0; i--)
		if (s[i] != L[i])
			return s[i] < L[i];
	return 0;
}

void
voprf_random_scalar(unsigned char r[VOPRF_SCALAR])
{
	do
		crypto_core_ristretto255_scalar_random(r);
	while (sodium_is_zero(r, VOPRF_SCALAR));
}

int
voprf_derive_key(unsigned char sk[VOPRF_SCALAR], unsigned char pk[VOPRF_ELEM],
    unsigned char const seed[32], unsigned char const *info, size_t infolen)
{
	unsigned char c;
	struct tr in;
	int counter;

	for (counter = 0; counter < 256; counter++) {
		in.n = 0;
		in.bad = 0;
		put(&in, seed, 32);
		putlen(&in, info, infolen);
		c = (unsigned char)counter;
		put(&in, &c, 1);
		if (in.bad)
			return 0;
		hash_to_scalar(sk, in.b, in.n, "DeriveKeyPair");
		sodium_memzero(&in, sizeof in);
		if (!sodium_is_zero(sk, VOPRF_SCALAR))
			return crypto_scalarmult_ristretto255_base(pk, sk) == 0;
	}
	return 0;
}

int
voprf_blind(unsigned char B[VOPRF_ELEM], unsigned char const r[VOPRF_SCALAR],
    unsigned char const *x, size_t xlen)
{
	unsigned char P[VOPRF_ELEM];

	if (!hash_to_group(P, x, xlen) || !voprf_scalar_ok(r) ||
	    sodium_is_zero(r, VOPRF_SCALAR))
		return 0;
	return crypto_scalarmult_ristretto255(B, r, P) == 0;
}

/* ComputeComposites: M = sum d_i C_i and, when k is NULL, Z = sum d_i D_i
 * (else Z = k M, the prover's shortcut).  A = G, B = pk. */
static int
composites(unsigned char M[VOPRF_ELEM], unsigned char Z[VOPRF_ELEM],
    unsigned char const *k, unsigned char const pk[VOPRF_ELEM],
    unsigned char const C[][VOPRF_ELEM], unsigned char const D[][VOPRF_ELEM],
    size_t n)
{
	unsigned char seed[64], d[VOPRF_SCALAR], t[VOPRF_ELEM];
	struct tr s, ds;
	size_t i;

	dst(&ds, "Seed-");
	s.n = 0;
	s.bad = 0;
	putlen(&s, pk, VOPRF_ELEM);
	putlen(&s, ds.b, ds.n);
	if (s.bad)
		return 0;
	crypto_hash_sha512(seed, s.b, s.n);
	for (i = 0; i < n; i++) {
		s.n = 0;
		putlen(&s, seed, sizeof seed);
		put16(&s, i);
		putlen(&s, C[i], VOPRF_ELEM);
		putlen(&s, D[i], VOPRF_ELEM);
		put(&s, "Composite", 9);
		if (s.bad)
			return 0;
		hash_to_scalar(d, s.b, s.n, "HashToScalar-");
		if (crypto_scalarmult_ristretto255(t, d, C[i]) != 0)
			return 0;
		if (i == 0)
			memcpy(M, t, VOPRF_ELEM);
		else if (crypto_core_ristretto255_add(M, M, t) != 0)
			return 0;
		if (k != NULL)
			continue;
		if (crypto_scalarmult_ristretto255(t, d, D[i]) != 0)
			return 0;
		if (i == 0)
			memcpy(Z, t, VOPRF_ELEM);
		else if (crypto_core_ristretto255_add(Z, Z, t) != 0)
			return 0;
	}
	if (k != NULL)
		return crypto_scalarmult_ristretto255(Z, k, M) == 0;
	return 1;
}

/* c = HashToScalar(pk || M || Z || t2 || t3 || "Challenge"), each
 * element behind I2OSP(32, 2) */
static int
challenge(unsigned char c[VOPRF_SCALAR], unsigned char const pk[VOPRF_ELEM],
    unsigned char const M[VOPRF_ELEM], unsigned char const Z[VOPRF_ELEM],
    unsigned char const t2[VOPRF_ELEM], unsigned char const t3[VOPRF_ELEM])
{
	struct tr s;

	s.n = 0;
	s.bad = 0;
	putlen(&s, pk, VOPRF_ELEM);
	putlen(&s, M, VOPRF_ELEM);
	putlen(&s, Z, VOPRF_ELEM);
	putlen(&s, t2, VOPRF_ELEM);
	putlen(&s, t3, VOPRF_ELEM);
	put(&s, "Challenge", 9);
	if (s.bad)
		return 0;
	hash_to_scalar(c, s.b, s.n, "HashToScalar-");
	return 1;
}

int
voprf_blind_evaluate(unsigned char Z[][VOPRF_ELEM],
    unsigned char proof[VOPRF_PROOF], unsigned char const sk[VOPRF_SCALAR],
    unsigned char const pk[VOPRF_ELEM], unsigned char const B[][VOPRF_ELEM],
    size_t n, unsigned char const *rp)
{
	unsigned char M[VOPRF_ELEM], Zc[VOPRF_ELEM], t2[VOPRF_ELEM];
	unsigned char t3[VOPRF_ELEM], r[VOPRF_SCALAR], ck[VOPRF_SCALAR];
	size_t i;
	int ok;

	if (n == 0 || n > VOPRF_BATCH_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (crypto_scalarmult_ristretto255(Z[i], sk, B[i]) != 0)
			return 0;
	if (rp != NULL)
		memcpy(r, rp, sizeof r);
	else
		voprf_random_scalar(r);
	ok = composites(M, Zc, sk, pk, B, (unsigned char const (*)[32])Z, n) &&
	    crypto_scalarmult_ristretto255_base(t2, r) == 0 &&
	    crypto_scalarmult_ristretto255(t3, r, M) == 0 &&
	    challenge(proof, pk, M, Zc, t2, t3);
	if (ok) {
		/* s = r - c k */
		crypto_core_ristretto255_scalar_mul(ck, proof, sk);
		crypto_core_ristretto255_scalar_sub(proof + VOPRF_SCALAR, r,
		    ck);
	}
	sodium_memzero(r, sizeof r);
	sodium_memzero(ck, sizeof ck);
	return ok;
}

/* P = a X + b Y, where a zero scalar's term is left out */
static int
combine(unsigned char P[VOPRF_ELEM], unsigned char const a[VOPRF_SCALAR],
    unsigned char const *X, unsigned char const b[VOPRF_SCALAR],
    unsigned char const Y[VOPRF_ELEM])
{
	unsigned char u[VOPRF_ELEM], v[VOPRF_ELEM];
	int ha = !sodium_is_zero(a, VOPRF_SCALAR);
	int hb = !sodium_is_zero(b, VOPRF_SCALAR);

	if (ha && (X == NULL ? crypto_scalarmult_ristretto255_base(u, a) :
	    crypto_scalarmult_ristretto255(u, a, X)) != 0)
		return 0;
	if (hb && crypto_scalarmult_ristretto255(v, b, Y) != 0)
		return 0;
	if (ha && hb)
		return crypto_core_ristretto255_add(P, u, v) == 0;
	if (!ha && !hb)
		return 0;
	memcpy(P, ha ? u : v, VOPRF_ELEM);
	return 1;
}

int
voprf_verify(unsigned char const pk[VOPRF_ELEM],
    unsigned char const B[][VOPRF_ELEM], unsigned char const Z[][VOPRF_ELEM],
    size_t n, unsigned char const proof[VOPRF_PROOF])
{
	unsigned char M[VOPRF_ELEM], Zc[VOPRF_ELEM], t2[VOPRF_ELEM];
	unsigned char t3[VOPRF_ELEM], c[VOPRF_SCALAR];
	unsigned char const *pc = proof, *ps = proof + VOPRF_SCALAR;
	size_t i;

	if (n == 0 || n > VOPRF_BATCH_MAX || !voprf_element_ok(pk) ||
	    !voprf_scalar_ok(pc) || !voprf_scalar_ok(ps))
		return 0;
	for (i = 0; i < n; i++)
		if (!voprf_element_ok(B[i]) || !voprf_element_ok(Z[i]))
			return 0;
	/* t2 = s G + c pk, t3 = s M + c Z */
	if (!composites(M, Zc, NULL, pk, B, Z, n) ||
	    !combine(t2, ps, NULL, pc, pk) || !combine(t3, ps, M, pc, Zc) ||
	    !challenge(c, pk, M, Zc, t2, t3))
		return 0;
	return sodium_memcmp(c, pc, VOPRF_SCALAR) == 0;
}

/* SHA-512(I2OSP(len(x), 2) || x || I2OSP(32, 2) || N || "Finalize") */
static int
finish(unsigned char y[VOPRF_OUT], unsigned char const *x, size_t xlen,
    unsigned char const N[VOPRF_ELEM])
{
	unsigned char const n32[2] = { 0, VOPRF_ELEM };
	unsigned char xl[2] = { (unsigned char)(xlen >> 8),
	    (unsigned char)xlen };
	crypto_hash_sha512_state st;

	if (xlen > 0xffff)
		return 0;
	crypto_hash_sha512_init(&st);
	crypto_hash_sha512_update(&st, xl, 2);
	crypto_hash_sha512_update(&st, x, xlen);
	crypto_hash_sha512_update(&st, n32, 2);
	crypto_hash_sha512_update(&st, N, VOPRF_ELEM);
	crypto_hash_sha512_update(&st, (unsigned char const *)"Finalize", 8);
	crypto_hash_sha512_final(&st, y);
	return 1;
}

int
voprf_finalize(unsigned char y[VOPRF_OUT], unsigned char *N_out,
    unsigned char const *x, size_t xlen, unsigned char const r[VOPRF_SCALAR],
    unsigned char const Z[VOPRF_ELEM])
{
	unsigned char ri[VOPRF_SCALAR], N[VOPRF_ELEM];
	int ok;

	if (!voprf_element_ok(Z) ||
	    crypto_core_ristretto255_scalar_invert(ri, r) != 0)
		return 0;
	ok = crypto_scalarmult_ristretto255(N, ri, Z) == 0 &&
	    finish(y, x, xlen, N);
	if (ok && N_out != NULL)
		memcpy(N_out, N, VOPRF_ELEM);
	sodium_memzero(ri, sizeof ri);
	sodium_memzero(N, sizeof N);
	return ok;
}

int
voprf_evaluate(unsigned char y[VOPRF_OUT], unsigned char const sk[VOPRF_SCALAR],
    unsigned char const *x, size_t xlen)
{
	unsigned char P[VOPRF_ELEM], N[VOPRF_ELEM];
	int ok;

	ok = hash_to_group(P, x, xlen) &&
	    crypto_scalarmult_ristretto255(N, sk, P) == 0 &&
	    finish(y, x, xlen, N);
	sodium_memzero(N, sizeof N);
	return ok;
}
