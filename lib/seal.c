/* seal.c: crypto_box_seal to and from the X25519 forms of Ed25519 keys. */
#include <errno.h>
#include <sodium.h>

#include "seal.h"

int
seal_to(unsigned char *out, unsigned char const *m, size_t mlen,
    unsigned char const pk[RUNE_PK_LEN])
{
	unsigned char xpk[crypto_box_PUBLICKEYBYTES];

	if (crypto_sign_ed25519_pk_to_curve25519(xpk, pk) != 0) {
		errno = EINVAL;
		return 0;
	}
	if (crypto_box_seal(out, m, mlen, xpk) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int
seal_open(unsigned char *out, unsigned char const *c, size_t clen,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char xsk[crypto_box_SECRETKEYBYTES];
	unsigned char xpk[crypto_box_PUBLICKEYBYTES];
	int r = 0;

	if (clen < crypto_box_SEALBYTES) {
		errno = EPROTO;
		return 0;
	}
	if (crypto_sign_ed25519_sk_to_curve25519(xsk, sk) == 0 &&
	    crypto_scalarmult_base(xpk, xsk) == 0 &&
	    crypto_box_seal_open(out, c, clen, xpk, xsk) == 0)
		r = 1;
	sodium_memzero(xsk, sizeof xsk);
	if (!r)
		errno = EPROTO;
	return r;
}
