/* prekey.c: making and checking a signed prekey record. */
#include <errno.h>
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "num.h"
#include "prekey.h"

static int
kind_ok(unsigned char k)
{
	return k == RUNE2_KIND_LASTRESORT || k == RUNE2_KIND_ONETIME;
}

int
prekey_make(unsigned char rec[RUNE2_PREKEY_LEN], struct prekey const *p,
    struct addr const *a, unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char f[FRAME2_PREKEY_MAX];
	size_t n;

	n = frame2_prekey(f, sizeof f, a->s, a->len, p->kind, p->xpk,
	    p->not_after);
	if (!kind_ok(p->kind) || sodium_is_zero(p->xpk, RUNE2_X_LEN) ||
	    n == 0) {
		errno = EINVAL;
		return 0;
	}
	rec[0] = p->kind;
	memcpy(rec + 1, p->xpk, RUNE2_X_LEN);
	num_pack_be8(rec + 1 + RUNE2_X_LEN, p->not_after);
	if (crypto_sign_detached(rec + 1 + RUNE2_X_LEN + 8, NULL, f, n,
	    sk) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

int
prekey_parse(struct prekey *p, unsigned char const rec[RUNE2_PREKEY_LEN],
    struct addr const *a, unsigned char const pk[RUNE_PK_LEN])
{
	unsigned char f[FRAME2_PREKEY_MAX];
	struct prekey q;
	size_t n;

	q.kind = rec[0];
	memcpy(q.xpk, rec + 1, RUNE2_X_LEN);
	q.not_after = num_unpack_be8(rec + 1 + RUNE2_X_LEN);
	if (!kind_ok(q.kind) || sodium_is_zero(q.xpk, RUNE2_X_LEN))
		return 0;
	n = frame2_prekey(f, sizeof f, a->s, a->len, q.kind, q.xpk,
	    q.not_after);
	if (n == 0 || crypto_sign_verify_detached(rec + 1 + RUNE2_X_LEN + 8,
	    f, n, pk) != 0)
		return 0;
	*p = q;
	return 1;
}
