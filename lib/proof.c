/* proof.c: the login proof of section 8. */
#include <errno.h>
#include <sodium.h>

#include "frame.h"
#include "proof.h"

int
proof_make(unsigned char sig[RUNE_SIG_LEN], struct addr const *a,
    unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN],
    unsigned char const client_sk[RUNE_SK_LEN])
{
	unsigned char f[FRAME_LOGIN_MAX];
	size_t flen;

	flen = frame_login(f, sizeof f, a->s, a->len, server_pk, n);
	if (flen == 0 ||
	    crypto_sign_detached(sig, NULL, f, flen, client_sk) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int
proof_check(unsigned char const *sig, size_t siglen, struct addr const *a,
    unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN],
    unsigned char const registered_pk[RUNE_PK_LEN])
{
	unsigned char f[FRAME_LOGIN_MAX];
	size_t flen;

	if (siglen != RUNE_SIG_LEN)
		return 0;
	flen = frame_login(f, sizeof f, a->s, a->len, server_pk, n);
	if (flen == 0)
		return 0;
	return crypto_sign_verify_detached(sig, f, flen, registered_pk) == 0;
}
