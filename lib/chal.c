/* chal.c: the registration challenge of section 7.3. */
#include <errno.h>
#include <string.h>
#include <sodium.h>

#include "chal.h"
#include "key.h"
#include "seal.h"

int
chal_make(struct chal *ch, unsigned char const r[RUNE_NONCE_LEN],
    struct addr const *a, unsigned char const client_pk[RUNE_PK_LEN],
    unsigned char const server_sk[RUNE_SK_LEN])
{
	unsigned char f[FRAME_REGISTER_MAX];
	size_t flen;

	memcpy(ch->r, r, RUNE_NONCE_LEN);
	if (!seal_to(ch->cs, ch->r, RUNE_NONCE_LEN, client_pk))
		return 0;
	flen = frame_register(f, sizeof f, a->s, a->len, client_pk, ch->cs);
	if (flen == 0) {
		errno = EINVAL;
		return 0;
	}
	if (crypto_sign_detached(ch->cs + FRAME_CHAL_C_LEN, NULL, f, flen,
	    server_sk) != 0) {
		errno = EINVAL;
		return 0;
	}
	return 1;
}

size_t
chal_text(char text[CHAL_TEXT_MAX], struct chal const *ch)
{
	return b64_encode(text, ch->cs, CHAL_CS_LEN);
}

int
chal_check(struct chal const *ch, unsigned char const *ans, size_t len,
    unsigned char const server_sk[RUNE_SK_LEN])
{
	unsigned char r[RUNE_NONCE_LEN];
	int ok;

	if (len != CHAL_ANSWER_LEN)
		return 0;
	if (!seal_open(r, ans, len, server_sk))
		return 0;
	ok = crypto_verify_32(r, ch->r) == 0;
	sodium_memzero(r, sizeof r);
	return ok;
}

void
chal_wipe(struct chal *ch)
{
	sodium_memzero(ch->r, sizeof ch->r);
}

int
chal_answer(unsigned char ans[CHAL_ANSWER_LEN], char const *cs_b64,
    size_t cs_len, char const *key_text, size_t key_len,
    struct addr const *a, unsigned char const client_pk[RUNE_PK_LEN],
    unsigned char const client_sk[RUNE_SK_LEN],
    unsigned char const pinned_pk[RUNE_PK_LEN])
{
	unsigned char cs[CHAL_CS_LEN];
	unsigned char pk[RUNE_PK_LEN];
	unsigned char f[FRAME_REGISTER_MAX];
	unsigned char r[RUNE_NONCE_LEN];
	size_t n, flen;
	int ok = 0;

	if (!key_parse(pk, key_text, key_len) ||
	    memcmp(pk, pinned_pk, RUNE_PK_LEN) != 0)
		goto out;
	if (!b64_decode(cs, sizeof cs, &n, cs_b64, cs_len) ||
	    n != CHAL_CS_LEN)
		goto out;
	flen = frame_register(f, sizeof f, a->s, a->len, client_pk, cs);
	if (flen == 0 || crypto_sign_verify_detached(cs + FRAME_CHAL_C_LEN,
	    f, flen, pinned_pk) != 0)
		goto out;
	if (!seal_open(r, cs, FRAME_CHAL_C_LEN, client_sk))
		goto out;
	ok = seal_to(ans, r, RUNE_NONCE_LEN, pinned_pk);
	sodium_memzero(r, sizeof r);
out:
	if (!ok)
		errno = EPROTO;
	return ok;
}
