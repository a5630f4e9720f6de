/* msgopen.c: the receiver's checks of 13.7, in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "frame.h"
#include "msg.h"
#include "msgbuf.h"
#include "num.h"
#include "padme.h"
#include "seal.h"

_Static_assert(sizeof RUNE_LABEL_ENVELOPE == sizeof RUNE2_LABEL_ENVELOPE,
    "both envelope frames have one length");

/* copies n octets at b[*pos] into out and advances *pos; 0 when fewer
 * than n octets remain */
static int
get(void *out, size_t n, unsigned char const *b, size_t len, size_t *pos)
{
	if (*pos > len || n > len - *pos)
		return 0;
	memcpy(out, b + *pos, n);
	*pos += n;
	return 1;
}

/* version 2: the blob2 names the prekeys it used; its hash for A2 */
static void
blob2_fields(struct msg_rx *m, unsigned char const *blob2, size_t len)
{
	memcpy(m->head2, blob2, RUNE2_HEAD_LEN);
	memcpy(m->spk, blob2 + 1 + RUNE2_X_LEN, RUNE2_X_LEN);
	memcpy(m->opk, blob2 + 1 + 2 * RUNE2_X_LEN, RUNE2_X_LEN);
	crypto_generichash(m->blobhash, sizeof m->blobhash, blob2, len,
	    NULL, 0);
}

enum msg_verdict
msg_open_envelope(struct msg_rx *m, unsigned char const *stored, size_t len,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN])
{
	unsigned char vsig[RUNE_SIG_LEN], t[8], s101[RUNE_SENDER101];
	unsigned char ver, *env, *hdr;
	size_t pos = 0, h;

	if (m->step != 0 || m->env != NULL)
		return MSG_STEP;
	if (len < RUNE_SEAL_LEN)
		return MSG_STORED_NOT_OPEN;
	m->envlen = len - RUNE_SEAL_LEN;
	m->env = malloc(MSG_EROOM + m->envlen);
	if (m->env == NULL)
		return MSG_NOMEM;
	env = m->env + MSG_EROOM;
	if (!seal_open(env, stored, len, sk))
		return MSG_STORED_NOT_OPEN;
	if (m->envlen < RUNE_ENV_HDR + RUNE_SEAL_LEN)
		return MSG_ENV_SHORT;
	if (!get(&ver, 1, env, m->envlen, &pos) ||
	    !get(vsig, sizeof vsig, env, m->envlen, &pos) ||
	    !get(t, sizeof t, env, m->envlen, &pos) ||
	    !get(s101, sizeof s101, env, m->envlen, &pos))
		return MSG_ENV_SHORT;
	/* a 0x02 envelope too short for a blob2 is neither version: v1's
	 * vectors call it env-version (doc/decisions.md) */
	if (ver == RUNE2_VERSION_OCTET &&
	    m->envlen < RUNE_ENV_HDR + RUNE2_BLOB_MIN)
		return MSG_ENV_VERSION;
	if (ver != RUNE_VERSION_OCTET && ver != RUNE2_VERSION_OCTET)
		return MSG_ENV_VERSION;
	m->version = ver;
	/* the vsig frame's header, written to end where the blob starts */
	m->me = *me;
	m->time = num_unpack_be8(t);
	h = sizeof RUNE_LABEL_ENVELOPE + me->len + 1 + 8 + RUNE_SENDER101;
	hdr = env + RUNE_ENV_HDR - h;
	if (h > FRAME_ENVELOPE_HDR_MAX ||
	    (ver == RUNE_VERSION_OCTET ? frame_envelope_hdr :
	    frame2_envelope_hdr)(hdr, h, me->s, me->len, m->time, s101) != h ||
	    crypto_sign_verify_detached(vsig, hdr,
	    h + m->envlen - RUNE_ENV_HDR, server_pk) != 0)
		return MSG_VSIG_BAD;
	if (ver == RUNE2_VERSION_OCTET && frame_sender101_zero(s101))
		m->anonymous = 1;
	else if (!frame_sender101_parse(&m->sender, s101))
		return MSG_SENDER101_BAD;
	if (ver == RUNE2_VERSION_OCTET)
		blob2_fields(m, env + RUNE_ENV_HDR, m->envlen - RUNE_ENV_HDR);
	m->step = 1;
	return MSG_OK;
}

enum msg_verdict
msg_inner_head(struct msg_rx *m, unsigned char const *inner, uint64_t ilen,
    uint32_t *n)
{
	if (ilen < RUNE_INNER_HDR)
		return MSG_INNER_SHORT;
	if (inner[0] != RUNE_VERSION_OCTET)
		return MSG_INNER_VERSION;
	memcpy(m->ssig, inner + 1, RUNE_SIG_LEN);
	*n = num_unpack_be4(inner + 1 + RUNE_SIG_LEN);
	if (*n > ilen - RUNE_INNER_HDR)
		return MSG_LEN_LARGE;
	if (padme((uint64_t)*n + RUNE_INNER_HDR) != ilen)
		return MSG_LEN_NOT_PADME;
	return MSG_OK;
}

enum msg_verdict
msg_open_inner(struct msg_rx *m, unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char *inner;
	size_t bloblen, ilen, i;
	enum msg_verdict v;
	uint32_t n;

	if (m->step != 1 || m->ibuf != NULL || m->version != 1)
		return MSG_STEP;
	bloblen = m->envlen - RUNE_ENV_HDR;	/* >= RUNE_SEAL_LEN */
	ilen = bloblen - RUNE_SEAL_LEN;
	m->ibuf = malloc(MSG_IROOM + ilen);
	if (m->ibuf == NULL)
		return MSG_NOMEM;
	inner = m->ibuf + MSG_IROOM;
	if (!seal_open(inner, m->env + MSG_EROOM + RUNE_ENV_HDR, bloblen, sk))
		return MSG_BLOB_NOT_OPEN;
	free(m->env);
	m->env = NULL;
	m->ilen = ilen;
	v = msg_inner_head(m, inner, ilen, &n);
	if (v != MSG_OK)
		return v;
	for (i = RUNE_INNER_HDR + (size_t)n; i < ilen; i++)
		if (inner[i] != 0)
			return MSG_PADDING_NONZERO;
	m->payload = inner + RUNE_INNER_HDR;
	m->paylen = n;
	m->step = 2;
	return MSG_OK;
}

enum msg_verdict
msg_check_ssig(struct msg_rx *m, unsigned char const sender_pk[RUNE_PK_LEN])
{
	size_t h;

	if (m->step != 2)
		return MSG_STEP;
	/* the ssig frame's header, written over the inner header (ssig was
	 * copied out) to end where the payload starts */
	h = msgbuf_hdr_len(&m->sender, &m->me);
	if (h > MSG_PAYLOAD_AT ||
	    frame_message_hdr(m->ibuf + MSG_PAYLOAD_AT - h, h, m->sender.s,
	    m->sender.len, m->me.s, m->me.len) != h)
		return MSG_SSIG_BAD;
	if (crypto_sign_verify_detached(m->ssig, m->ibuf + MSG_PAYLOAD_AT - h,
	    h + m->paylen, sender_pk) != 0)
		return MSG_SSIG_BAD;
	return MSG_OK;
}
