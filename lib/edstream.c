/* edstream.c: Ed25519 in two passes (edstream.h), as libsodium signs:
 *   az = SHA-512(seed); r = SHA-512(az[32..64] || M) mod L; R = rB;
 *   k = SHA-512(R || A || M) mod L; S = k * clamp(az[0..32]) + r mod L.
 * lib/envstream.c signs the server's vsig with it. */
#include <string.h>

#include "edstream.h"

void
edstream_begin(struct edstream *s, unsigned char const sk[64])
{
	memset(s, 0, sizeof *s);
	(void)crypto_hash_sha512(s->az, sk, 32);
	memcpy(s->pk, sk + 32, sizeof s->pk);
	(void)crypto_hash_sha512_init(&s->h);
	(void)crypto_hash_sha512_update(&s->h, s->az + 32, 32);
}

void
edstream_update(struct edstream *s, unsigned char const *p, size_t n)
{
	(void)crypto_hash_sha512_update(&s->h, p, n);
}

void
edstream_hram_begin(struct edstream *s)
{
	unsigned char h[64];

	(void)crypto_hash_sha512_final(&s->h, h);
	crypto_core_ed25519_scalar_reduce(s->r, h);
	sodium_memzero(h, sizeof h);
	/* r is 0 with probability 2^-252, when noclamp refuses */
	if (crypto_scalarmult_ed25519_base_noclamp(s->R, s->r) != 0)
		memset(s->R, 0, sizeof s->R);
	(void)crypto_hash_sha512_init(&s->h);
	(void)crypto_hash_sha512_update(&s->h, s->R, 32);
	(void)crypto_hash_sha512_update(&s->h, s->pk, 32);
}

void
edstream_end(struct edstream *s, unsigned char sig[64])
{
	unsigned char h[64], k[32], ka[32];

	(void)crypto_hash_sha512_final(&s->h, h);
	crypto_core_ed25519_scalar_reduce(k, h);
	s->az[0] &= 248;	/* clamp */
	s->az[31] &= 127;
	s->az[31] |= 64;
	crypto_core_ed25519_scalar_mul(ka, k, s->az);
	memcpy(sig, s->R, 32);
	crypto_core_ed25519_scalar_add(sig + 32, ka, s->r);
	sodium_memzero(h, sizeof h);
	sodium_memzero(k, sizeof k);
	sodium_memzero(ka, sizeof ka);
	sodium_memzero(s, sizeof *s);
}
