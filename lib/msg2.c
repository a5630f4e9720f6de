/* msg2.c: building a blob2 (doc/protocol-v2.md 1.5): draw e, sign ssig2
 * over blob2[0..97), build inner2, derive okm, encrypt. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "msg2.h"
#include "msgbuf.h"
#include "num.h"
#include "padme.h"

enum { K_E, K_IK, K_SPK, K_OPK, K_DH1, K_DH2, K_DH3 };

#define ROOM	MSG2_IROOM

int
msg2_okm(unsigned char okm[RUNE2_OKM_LEN], struct addr const *receiver,
    unsigned char const keys[7][RUNE2_X_LEN])
{
	unsigned char f[FRAME2_FS_MAX];
	size_t n;

	n = frame2_fs(f, sizeof f, receiver->s, receiver->len, keys);
	if (n == 0)
		return 0;
	crypto_generichash(okm, RUNE2_OKM_LEN, f, n, NULL, 0);
	sodium_memzero(f, sizeof f);
	return 1;
}

int
msg2_tkh(unsigned char tkh[RUNE2_TKH_LEN], char const *domain,
    uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN])
{
	unsigned char f[FRAME2_TKH_MAX];
	size_t n;

	n = frame2_tkh(f, sizeof f, domain, strlen(domain), epoch, pkT);
	if (n == 0)
		return 0;
	crypto_generichash(tkh, RUNE2_TKH_LEN, f, n, NULL, 0);
	return 1;
}

int
msg2_agree(unsigned char k[7][RUNE2_X_LEN], unsigned char const e[RUNE2_X_LEN],
    struct msg2_to const *to)
{
	if (crypto_scalarmult_base(k[K_E], e) != 0 ||
	    crypto_sign_ed25519_pk_to_curve25519(k[K_IK], to->rpk) != 0)
		return 0;
	memcpy(k[K_SPK], to->spk, RUNE2_X_LEN);
	memcpy(k[K_OPK], to->opk, RUNE2_X_LEN);
	if (crypto_scalarmult(k[K_DH1], e, k[K_IK]) != 0 ||
	    crypto_scalarmult(k[K_DH2], e, k[K_SPK]) != 0)
		return 0;
	if (sodium_is_zero(k[K_OPK], RUNE2_X_LEN)) {
		memset(k[K_DH3], 0, RUNE2_X_LEN);
		return 1;
	}
	return crypto_scalarmult(k[K_DH3], e, k[K_OPK]) == 0;
}

/*
 * ibuf: [ ROOM | 0x02 ssig2 scert mode tkh len | payload | padding ]
 *               ^ inner2                       ^ ROOM + 307
 * ssig2's frame header is written to end at the payload and signed with
 * the payload in place; inner2's header is then written over its tail.
 */
static int
sign_inner(unsigned char *ibuf, size_t ilen, unsigned char const *payload,
    size_t n, struct msg2_from const *from, struct msg2_to const *to,
    unsigned char const head[RUNE2_HEAD_LEN])
{
	unsigned char ssig[RUNE_SIG_LEN];
	unsigned char *inner = ibuf + ROOM;
	size_t h, at = ROOM + RUNE2_INNER_HDR;

	h = frame2_message_hdr(ibuf + at - FRAME2_MESSAGE_HDR_MAX,
	    FRAME2_MESSAGE_HDR_MAX, from->sender->s, from->sender->len,
	    to->receiver->s, to->receiver->len, to->rpk, head, from->mode,
	    from->tkh, from->scert);
	if (h == 0)
		return 0;
	/* built at the front of the room: move it to end at the payload */
	memmove(ibuf + at - h, ibuf + at - FRAME2_MESSAGE_HDR_MAX, h);
	if (n > 0)
		memcpy(ibuf + at, payload, n);
	if (crypto_sign_detached(ssig, NULL, ibuf + at - h, h + n,
	    from->sk) != 0)
		return 0;
	msg2_inner_hdr(inner, ssig, from, n);
	memset(inner + RUNE2_INNER_HDR + n, 0, ilen - RUNE2_INNER_HDR - n);
	return 1;
}

void
msg2_inner_hdr(unsigned char out[RUNE2_INNER_HDR],
    unsigned char const ssig[RUNE_SIG_LEN], struct msg2_from const *from,
    size_t n)
{
	unsigned char *p = out;

	*p++ = RUNE2_VERSION_OCTET;
	memcpy(p, ssig, RUNE_SIG_LEN);
	p += RUNE_SIG_LEN;
	memcpy(p, from->scert, RUNE2_SCERT_LEN);
	p += RUNE2_SCERT_LEN;
	*p++ = from->mode;
	memcpy(p, from->tkh, RUNE2_TKH_LEN);
	p += RUNE2_TKH_LEN;
	num_pack_be4(p, (uint32_t)n);
}

int
msg2_make(unsigned char *blob, size_t blobmax, size_t *bloblen,
    unsigned char const *payload, size_t n, struct msg2_from const *from,
    struct msg2_to const *to, unsigned char const e_in[RUNE2_X_LEN])
{
	unsigned char k[7][RUNE2_X_LEN], okm[RUNE2_OKM_LEN], e[RUNE2_X_LEN];
	unsigned char *ibuf;
	uint64_t bsize;
	size_t ilen;
	int ok = 0;

	bsize = n <= UINT32_MAX ? padme_blob2_size(n) : 0;
	if (bsize == 0 || bsize > blobmax || bsize > SIZE_MAX - ROOM) {
		errno = EMSGSIZE;
		return 0;
	}
	ilen = (size_t)bsize - RUNE2_BLOB_EXTRA;
	ibuf = malloc(ROOM + ilen);
	if (ibuf == NULL) {
		errno = ENOMEM;
		return 0;
	}
	if (e_in != NULL)
		memcpy(e, e_in, sizeof e);
	else
		randombytes_buf(e, sizeof e);
	/* blob2[0..97) = 0x02 || E || SPK || OPK: known before signing */
	if (msg2_agree(k, e, to)) {
		blob[0] = RUNE2_VERSION_OCTET;
		memcpy(blob + 1, k[K_E], RUNE2_X_LEN);
		memcpy(blob + 1 + RUNE2_X_LEN, to->spk, RUNE2_X_LEN);
		memcpy(blob + 1 + 2 * RUNE2_X_LEN, to->opk, RUNE2_X_LEN);
		ok = sign_inner(ibuf, ilen, payload, n, from, to, blob) &&
		    msg2_okm(okm, to->receiver, k) &&
		    crypto_aead_xchacha20poly1305_ietf_encrypt(
		    blob + RUNE2_HEAD_LEN, NULL, ibuf + ROOM, ilen,
		    blob, RUNE2_HEAD_LEN, NULL, okm + 32, okm) == 0;
	}
	sodium_memzero(e, sizeof e);
	sodium_memzero(k, sizeof k);
	sodium_memzero(okm, sizeof okm);
	sodium_memzero(ibuf, ROOM + ilen);
	free(ibuf);
	if (!ok) {
		errno = EINVAL;
		return 0;
	}
	*bloblen = (size_t)bsize;
	return 1;
}
