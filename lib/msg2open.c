/* msg2open.c: the receiver's checks of doc/protocol-v2.md 1.6, steps 4-9,
 * after msg_open_envelope opened a version 2 envelope. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "msg.h"
#include "msg2.h"
#include "msgbuf.h"
#include "num.h"
#include "padme.h"

enum { K_E, K_IK, K_SPK, K_OPK, K_DH1, K_DH2, K_DH3 };

/* 1: x is a canonical X25519 public key: top bit clear and below
 * p = 2^255 - 19 (little-endian) */
static int
x25519_canonical(unsigned char const x[RUNE2_X_LEN])
{
	int i;

	if (x[31] & 0x80)
		return 0;
	if (x[31] != 0x7f)
		return 1;
	for (i = 30; i > 0; i--)
		if (x[i] != 0xff)
			return 1;
	return x[0] < 0xed;
}

/* the seven values okm hashes; the DH results with our secrets */
static enum msg_verdict
agree(unsigned char k[7][RUNE2_X_LEN], struct msg_rx const *m,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk_secret[RUNE2_X_LEN],
    unsigned char const *opk_secret)
{
	unsigned char ik_secret[RUNE2_X_LEN];
	int bad;

	memcpy(k[K_E], m->head2 + 1, RUNE2_X_LEN);
	memcpy(k[K_SPK], m->spk, RUNE2_X_LEN);
	memcpy(k[K_OPK], m->opk, RUNE2_X_LEN);
	if (!x25519_canonical(k[K_E]))
		return MSG2_EPHEMERAL_BAD;
	if (crypto_sign_ed25519_pk_to_curve25519(k[K_IK], m->rpk) != 0 ||
	    crypto_sign_ed25519_sk_to_curve25519(ik_secret, sk) != 0)
		return MSG_BLOB_NOT_OPEN;
	bad = crypto_scalarmult(k[K_DH1], ik_secret, k[K_E]) != 0 ||
	    crypto_scalarmult(k[K_DH2], spk_secret, k[K_E]) != 0;
	sodium_memzero(ik_secret, sizeof ik_secret);
	if (bad)
		return MSG2_DH_ZERO;
	if (sodium_is_zero(m->opk, RUNE2_X_LEN)) {
		memset(k[K_DH3], 0, RUNE2_X_LEN);
		return MSG_OK;
	}
	if (opk_secret == NULL)
		return MSG2_PREKEY_REUSE;
	if (crypto_scalarmult(k[K_DH3], opk_secret, k[K_E]) != 0)
		return MSG2_DH_ZERO;
	return MSG_OK;
}

enum msg_verdict
msg2_inner_head(struct msg_rx *m, unsigned char const *inner, uint64_t ilen,
    uint32_t *n)
{
	unsigned char const *p = inner + 1;

	if (ilen < RUNE2_INNER_HDR)
		return MSG_INNER_SHORT;
	if (inner[0] != RUNE2_VERSION_OCTET)
		return MSG_INNER_VERSION;
	memcpy(m->ssig, p, RUNE_SIG_LEN);
	p += RUNE_SIG_LEN;
	memcpy(m->scert_raw, p, RUNE2_SCERT_LEN);
	p += RUNE2_SCERT_LEN;
	m->mode = *p++;
	memcpy(m->tkh, p, RUNE2_TKH_LEN);
	p += RUNE2_TKH_LEN;
	*n = num_unpack_be4(p);
	if (*n > ilen - RUNE2_INNER_HDR)
		return MSG_LEN_LARGE;
	if (padme((uint64_t)*n + RUNE2_INNER_HDR) != ilen)
		return MSG_LEN_NOT_PADME;
	return MSG_OK;
}

/* step 6 over inner2 = m->ibuf + MSG2_IROOM, m->ilen octets */
static enum msg_verdict
inner_fields(struct msg_rx *m)
{
	unsigned char const *inner = m->ibuf + MSG2_IROOM;
	enum msg_verdict v;
	uint32_t n;
	size_t i;

	v = msg2_inner_head(m, inner, m->ilen, &n);
	if (v != MSG_OK)
		return v;
	for (i = RUNE2_INNER_HDR + (size_t)n; i < m->ilen; i++)
		if (inner[i] != 0)
			return MSG_PADDING_NONZERO;
	m->payload = inner + RUNE2_INNER_HDR;
	m->paylen = n;
	return MSG_OK;
}

enum msg_verdict
msg2_rx_okm(struct msg_rx *m, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk_secret[RUNE2_X_LEN],
    unsigned char const *opk_secret, unsigned char okm[RUNE2_OKM_LEN])
{
	unsigned char k[7][RUNE2_X_LEN];
	enum msg_verdict v;

	if (m->step != 1 || m->ibuf != NULL || m->version != 2)
		return MSG_STEP;
	crypto_sign_ed25519_sk_to_pk(m->rpk, sk);
	v = agree(k, m, sk, spk_secret, opk_secret);
	if (v == MSG_OK && !msg2_okm(okm, &m->me, k))
		v = MSG_BLOB_NOT_OPEN;
	sodium_memzero(k, sizeof k);
	return v;
}

enum msg_verdict
msg2_open_inner(struct msg_rx *m, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk_secret[RUNE2_X_LEN],
    unsigned char const *opk_secret)
{
	unsigned char okm[RUNE2_OKM_LEN];
	unsigned char const *blob2;
	size_t bloblen;
	enum msg_verdict v;
	int bad;

	v = msg2_rx_okm(m, sk, spk_secret, opk_secret, okm);
	if (v != MSG_OK) {
		sodium_memzero(okm, sizeof okm);
		return v;
	}
	blob2 = m->env + MSG_EROOM + RUNE_ENV_HDR;
	bloblen = m->envlen - RUNE_ENV_HDR;	/* >= RUNE2_BLOB_MIN */
	m->ilen = bloblen - RUNE2_BLOB_EXTRA;
	m->ibuf = malloc(MSG2_IROOM + m->ilen);
	if (m->ibuf == NULL) {
		sodium_memzero(okm, sizeof okm);
		return MSG_NOMEM;
	}
	bad = crypto_aead_xchacha20poly1305_ietf_decrypt(m->ibuf + MSG2_IROOM,
	    NULL, NULL, blob2 + RUNE2_HEAD_LEN, bloblen - RUNE2_HEAD_LEN,
	    blob2, RUNE2_HEAD_LEN, okm + 32, okm) != 0;
	sodium_memzero(okm, sizeof okm);
	if (bad)
		return MSG_BLOB_NOT_OPEN;
	free(m->env);
	m->env = NULL;
	v = inner_fields(m);
	if (v == MSG_OK)
		m->step = 2;
	return v;
}

/* step 9: ssig2's frame header written to end where the payload starts */
static int
ssig2_ok(struct msg_rx *m)
{
	unsigned char *at = m->ibuf + MSG2_PAYLOAD_AT;
	size_t h;

	h = frame2_message_hdr(m->ibuf, FRAME2_MESSAGE_HDR_MAX,
	    m->cert.sender.s, m->cert.sender.len, m->me.s, m->me.len, m->rpk,
	    m->head2, m->mode, m->tkh, m->scert_raw);
	if (h == 0)
		return 0;
	memmove(at - h, m->ibuf, h);
	return crypto_sign_verify_detached(m->ssig, at - h, h + m->paylen,
	    m->cert.spk) == 0;
}

enum msg_verdict
msg2_check_head(struct msg_rx *m, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN])
{
	if (m->step != 2 || m->version != 2)
		return MSG_STEP;
	m->step = 3;
	if (!scert_parse(&m->cert, m->scert_raw, domain, server_pk))
		return MSG2_SCERT_BAD;
	if (m->cert.not_after < m->time)
		return MSG2_SCERT_EXPIRED;
	if ((m->mode == RUNE2_MODE_ANONYMOUS) != m->anonymous ||
	    (m->mode != RUNE2_MODE_ANONYMOUS &&
	    m->mode != RUNE2_MODE_IDENTIFIED))
		return MSG2_MODE_BAD;
	if (!m->anonymous && (m->sender.len != m->cert.sender.len ||
	    memcmp(m->sender.s, m->cert.sender.s, m->sender.len) != 0))
		return MSG2_SENDER_MISMATCH;
	if (sodium_is_zero(m->tkh, RUNE2_TKH_LEN) != !m->anonymous)
		return MSG2_TKH_BAD;
	return MSG_OK;
}

enum msg_verdict
msg2_check(struct msg_rx *m, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN])
{
	enum msg_verdict v = msg2_check_head(m, domain, server_pk);

	if (v != MSG_OK)
		return v;
	if (!ssig2_ok(m))
		return MSG_SSIG_BAD;
	m->sender = m->cert.sender;
	return MSG_OK;
}
