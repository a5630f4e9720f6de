/* msg.h: the client's side of messages (sections 10 and 13.7): making a
 * client blob, and opening and checking a stored blob as its receiver. */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"
#include "scert.h"

/* client blob for payload[0..n): inner = 0x01 || ssig || len || payload
 * || zero padding to P(n + 69), blob = seal(inner, receiver_pk).  blob
 * has room for blobmax octets; *bloblen = padme_blob_size(n).  1 ok;
 * 0 with errno EMSGSIZE (too large for blobmax or 2^32 - 1), ENOMEM, or
 * EINVAL (receiver_pk does not convert) */
int msg_make(unsigned char *blob, size_t blobmax, size_t *bloblen,
    unsigned char const *payload, size_t n,
    struct addr const *sender, unsigned char const sender_sk[RUNE_SK_LEN],
    struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN]);

/* the receiver's verdict: OK, or the first failing check of 13.7 */
enum msg_verdict {
	MSG_OK = 0,
	MSG_STORED_NOT_OPEN,	/* stored-does-not-open */
	MSG_ENV_SHORT,		/* env-too-short */
	MSG_ENV_VERSION,	/* env-version */
	MSG_VSIG_BAD,		/* vsig-bad */
	MSG_SENDER101_BAD,	/* sender101-bad */
	MSG_BLOB_NOT_OPEN,	/* blob-does-not-open */
	MSG_INNER_SHORT,	/* inner-too-short */
	MSG_INNER_VERSION,	/* inner-version */
	MSG_LEN_LARGE,		/* len-too-large */
	MSG_LEN_NOT_PADME,	/* length-not-padme */
	MSG_PADDING_NONZERO,	/* padding-nonzero */
	MSG_SSIG_BAD,		/* ssig-bad */
	MSG_NOMEM,		/* out of memory: temporary, not a verdict */
	MSG_STEP,		/* a step called out of order */
	/* version 2 (doc/protocol-v2.md 1.6) */
	MSG2_PREKEY_UNKNOWN,	/* prekey-unknown: SPK not ours, or gone */
	MSG2_PREKEY_REUSE,	/* prekey-reuse: replay or prekey reuse */
	MSG2_EPHEMERAL_BAD,	/* ephemeral-bad: E not canonical */
	MSG2_DH_ZERO,		/* dh-zero */
	MSG2_SCERT_BAD,		/* scert-bad */
	MSG2_SCERT_EXPIRED,	/* scert-expired */
	MSG2_MODE_BAD,		/* mode-mismatch */
	MSG2_SENDER_MISMATCH,	/* sender-mismatch */
	MSG2_TKH_BAD		/* tkh-mismatch */
};

/* the spec's reason text ("vsig-bad", ...), "ok", or "out of memory" */
char const *msg_reason(enum msg_verdict v);

/* a message being opened; fields above the line are for the caller */
struct msg_rx {
	int version;			/* 1 or 2, after msg_open_envelope */
	struct addr sender;		/* after msg_open_envelope; for
					 * version 2 after msg2_check */
	int anonymous;			/* version 2: env2's sender101 is 0 */
	uint64_t time;			/* after msg_open_envelope */
	unsigned char const *payload;	/* after msg_open_inner (v2: after
					 * msg2_open_inner, unverified until
					 * msg2_check) */
	size_t paylen;
	/* version 2, after msg_open_envelope */
	unsigned char spk[RUNE2_X_LEN];	/* the last-resort key used */
	unsigned char opk[RUNE2_X_LEN];	/* the one-time key, or zeros */
	unsigned char blobhash[RUNE_ID_LEN];	/* BLAKE2b-256(blob2) (A2) */
	/* version 2, after msg2_check */
	struct scert cert;		/* the sender's certified key */
	unsigned char mode;		/* RUNE2_MODE_* */
	unsigned char tkh[RUNE2_TKH_LEN];
	/* ---- private ---- */
	unsigned char head2[RUNE2_HEAD_LEN];
	unsigned char rpk[RUNE_PK_LEN];
	unsigned char scert_raw[RUNE2_SCERT_LEN];
	struct addr me;
	unsigned char *env;
	size_t envlen;
	unsigned char *ibuf;
	size_t ilen;
	unsigned char ssig[RUNE_SIG_LEN];
	int step;
};

/* sets every field to empty */
void msg_rx_init(struct msg_rx *m);

/* frees what the msg_open_* steps allocated (payload is gone after) */
void msg_rx_free(struct msg_rx *m);

/* step 1: opens stored[0..len) with the receiver's secret key, checks
 * |env|, env version (1, or 2 for a v2 message: m->version), vsig or vsig2
 * (server_pk, me = own canonical address) and sender101 (all zero allowed
 * in version 2: m->anonymous); on MSG_OK m->time is set, m->sender for
 * version 1 (and for a version 2 message that names its sender), and for
 * version 2 m->spk, m->opk and m->blobhash.  Any failure is the
 * message's verdict (MSG_NOMEM excepted). */
enum msg_verdict msg_open_envelope(struct msg_rx *m,
    unsigned char const *stored, size_t len, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN]);

/* step 2, after a MSG_OK step 1 of version 1: opens the blob with sk, checks |inner|,
 * inner version, len, the Padme length and the padding; on MSG_OK
 * m->payload and m->paylen are set (not yet verified) */
enum msg_verdict msg_open_inner(struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN]);

/* the head of a version 1 inner of ilen octets (at least its first
 * RUNE_INNER_HDR in inner): its version, ssig into m, and the payload's
 * length *n checked against ilen and Padme; the padding is the caller's
 * to check (msg_open_inner, and the client's streamed open) */
enum msg_verdict msg_inner_head(struct msg_rx *m, unsigned char const *inner,
    uint64_t ilen, uint32_t *n);

/* step 3, after a MSG_OK step 2: checks ssig with the sender's key (from
 * KEY + pin): MSG_OK or MSG_SSIG_BAD.  Call it once. */
enum msg_verdict msg_check_ssig(struct msg_rx *m,
    unsigned char const sender_pk[RUNE_PK_LEN]);

/* the head of a version 2 inner2 of ilen octets (at least its first
 * RUNE2_INNER_HDR in inner): its version, ssig, scert, mode and tkh into
 * m, and the payload's length *n checked against ilen and Padme; the
 * padding is the caller's to check (msg2_open_inner, and the client's
 * streamed open) */
enum msg_verdict msg2_inner_head(struct msg_rx *m, unsigned char const *inner,
    uint64_t ilen, uint32_t *n);

/* version 2, step 2 (1.6 steps 4-6), after a MSG_OK step 1 of version 2:
 * the caller has found the secrets of m->spk (its own last-resort key,
 * else it returns MSG2_PREKEY_UNKNOWN itself) and of m->opk (NULL when
 * m->opk is zero; an unknown or used one is MSG2_PREKEY_REUSE, the
 * caller's too).  Checks E, the DH results and the AEAD, then inner2's
 * version, len, Padme length and padding; m->payload is set, unverified. */
enum msg_verdict msg2_open_inner(struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk_secret[RUNE2_X_LEN],
    unsigned char const *opk_secret);

/* msg2_open_inner's first half, for a blob2 opened in passes over a
 * file (rune/rx2stream.c): E checked, the DH results, okm (key 32 ||
 * nonce 24) into okm; m->rpk set.  Verdicts as msg2_open_inner's. */
enum msg_verdict msg2_rx_okm(struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk_secret[RUNE2_X_LEN],
    unsigned char const *opk_secret, unsigned char okm[RUNE2_OKM_LEN]);

/* msg2_check but ssig2 (whose payload the caller hashes in passes):
 * after the caller set m->step = 2 and the fields inner2's head gives */
enum msg_verdict msg2_check_head(struct msg_rx *m, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN]);

/* version 2, steps 7-9, after a MSG_OK msg2_open_inner: scert (of domain,
 * csig by server_pk, not_after >= the envelope time), mode, sender and
 * tkh consistency, ssig2 with scert's key.  On MSG_OK m->sender,
 * m->cert, m->mode and m->tkh are set; the caller then compares
 * m->cert.spk with its pin for m->sender and, for an anonymous send,
 * m->tkh with its token key pins (MSG2_TKH_BAD on a mismatch). */
enum msg_verdict msg2_check(struct msg_rx *m, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN]);

#endif
