/* edverify.c: Ed25519 verification in one pass (edverify.h), with
 * libsodium's group operations only:
 *   k = SHA-512(R || A || M) mod L;  R' = [S]B - [k]A;  R' == R. */
#include <string.h>

#include "edverify.h"

/* the encoding of the neutral element */
static unsigned char const ident[32] = { 1 };

void
edverify_begin(struct edverify *v, unsigned char const sig[64],
    unsigned char const pk[32])
{
	memcpy(v->sig, sig, sizeof v->sig);
	memcpy(v->pk, pk, sizeof v->pk);
	(void)crypto_hash_sha512_init(&v->h);
	(void)crypto_hash_sha512_update(&v->h, sig, 32);
	(void)crypto_hash_sha512_update(&v->h, pk, 32);
}

void
edverify_update(struct edverify *v, unsigned char const *p, size_t n)
{
	(void)crypto_hash_sha512_update(&v->h, p, n);
}

/* 1: s (32 octets, little-endian) is below L */
static int
canonical(unsigned char const s[32])
{
	unsigned char wide[64] = { 0 }, red[32];

	memcpy(wide, s, 32);
	crypto_core_ed25519_scalar_reduce(red, wide);
	return memcmp(red, s, 32) == 0;
}

int
edverify_end(struct edverify *v)
{
	unsigned char h[64], k[32], sb[32], ka[32], rp[32];
	int ok = 0;

	(void)crypto_hash_sha512_final(&v->h, h);
	crypto_core_ed25519_scalar_reduce(k, h);
	if (!canonical(v->sig + 32) ||
	    crypto_core_ed25519_is_valid_point(v->pk) != 1 ||
	    crypto_core_ed25519_is_valid_point(v->sig) != 1)
		goto out;
	/* a zero scalar gives the neutral element, which noclamp refuses */
	if (sodium_is_zero(v->sig + 32, 32))
		memcpy(sb, ident, 32);
	else if (crypto_scalarmult_ed25519_base_noclamp(sb, v->sig + 32) != 0)
		goto out;
	if (sodium_is_zero(k, 32))
		memcpy(ka, ident, 32);
	else if (crypto_scalarmult_ed25519_noclamp(ka, k, v->pk) != 0)
		goto out;
	if (crypto_core_ed25519_sub(rp, sb, ka) != 0)
		goto out;
	ok = crypto_verify_32(rp, v->sig) == 0;
out:
	sodium_memzero(v, sizeof *v);
	return ok;
}
