/* msg.c: making a client blob (section 10), and the verdict names. */
#include <errno.h>
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

/*
 * ibuf: [ MSG_IROOM | 0x01 ssig len | payload | padding ]
 *                    ^ inner        ^ MSG_PAYLOAD_AT
 * The ssig frame's header is first written so that it ends at the
 * payload, signed with the payload in place, then the inner header is
 * written over its tail: no second copy of the payload.
 */
int
msg_make(unsigned char *blob, size_t blobmax, size_t *bloblen,
    unsigned char const *payload, size_t n,
    struct addr const *sender, unsigned char const sender_sk[RUNE_SK_LEN],
    struct addr const *receiver, unsigned char const receiver_pk[RUNE_PK_LEN])
{
	unsigned char ssig[RUNE_SIG_LEN];
	unsigned char *ibuf, *inner;
	uint64_t bsize;
	size_t ilen, h;
	int ok;

	bsize = n <= UINT32_MAX ? padme_blob_size(n) : 0;
	if (bsize == 0 || bsize > blobmax || bsize > SIZE_MAX - MSG_IROOM) {
		errno = EMSGSIZE;
		return 0;
	}
	ilen = (size_t)bsize - RUNE_SEAL_LEN;
	h = msgbuf_hdr_len(sender, receiver);
	ibuf = malloc(MSG_IROOM + ilen);
	if (ibuf == NULL) {
		errno = ENOMEM;
		return 0;
	}
	inner = ibuf + MSG_IROOM;
	if (frame_message_hdr(ibuf + MSG_PAYLOAD_AT - h, h, sender->s,
	    sender->len, receiver->s, receiver->len) != h) {
		free(ibuf);
		errno = EINVAL;
		return 0;
	}
	if (n > 0)
		memcpy(ibuf + MSG_PAYLOAD_AT, payload, n);
	if (crypto_sign_detached(ssig, NULL, ibuf + MSG_PAYLOAD_AT - h, h + n,
	    sender_sk) != 0) {
		free(ibuf);
		errno = EINVAL;
		return 0;
	}
	inner[0] = RUNE_VERSION_OCTET;
	memcpy(inner + 1, ssig, RUNE_SIG_LEN);
	num_pack_be4(inner + 1 + RUNE_SIG_LEN, (uint32_t)n);
	memset(inner + RUNE_INNER_HDR + n, 0, ilen - RUNE_INNER_HDR - n);
	ok = seal_to(blob, inner, ilen, receiver_pk);
	free(ibuf);
	if (ok)
		*bloblen = (size_t)bsize;
	return ok;
}

static char const *const reasons[] = {
	[MSG_OK] = "ok",
	[MSG_STORED_NOT_OPEN] = "stored-does-not-open",
	[MSG_ENV_SHORT] = "env-too-short",
	[MSG_ENV_VERSION] = "env-version",
	[MSG_VSIG_BAD] = "vsig-bad",
	[MSG_SENDER101_BAD] = "sender101-bad",
	[MSG_BLOB_NOT_OPEN] = "blob-does-not-open",
	[MSG_INNER_SHORT] = "inner-too-short",
	[MSG_INNER_VERSION] = "inner-version",
	[MSG_LEN_LARGE] = "len-too-large",
	[MSG_LEN_NOT_PADME] = "length-not-padme",
	[MSG_PADDING_NONZERO] = "padding-nonzero",
	[MSG_SSIG_BAD] = "ssig-bad",
	[MSG_NOMEM] = "out of memory",
	[MSG_STEP] = "step out of order",
	[MSG2_PREKEY_UNKNOWN] = "prekey-unknown",
	[MSG2_PREKEY_REUSE] = "prekey-reuse",
	[MSG2_EPHEMERAL_BAD] = "ephemeral-bad",
	[MSG2_DH_ZERO] = "dh-zero",
	[MSG2_SCERT_BAD] = "scert-bad",
	[MSG2_SCERT_EXPIRED] = "scert-expired",
	[MSG2_MODE_BAD] = "mode-mismatch",
	[MSG2_SENDER_MISMATCH] = "sender-mismatch",
	[MSG2_TKH_BAD] = "tkh-mismatch",
};

char const *
msg_reason(enum msg_verdict v)
{
	if ((size_t)v >= sizeof reasons / sizeof reasons[0])
		return "unknown";
	return reasons[v];
}

void
msg_rx_init(struct msg_rx *m)
{
	memset(m, 0, sizeof *m);
	m->env = NULL;
	m->ibuf = NULL;
	m->payload = NULL;
}

void
msg_rx_free(struct msg_rx *m)
{
	free(m->env);
	free(m->ibuf);
	msg_rx_init(m);
}
