/* msg.h: the client's side of messages (sections 10 and 13.7): making a
 * client blob, and opening and checking a stored blob as its receiver. */
#ifndef MSG_H
#define MSG_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"

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
	MSG_STEP		/* a step called out of order */
};

/* the spec's reason text ("vsig-bad", ...), "ok", or "out of memory" */
char const *msg_reason(enum msg_verdict v);

/* a message being opened; fields above the line are for the caller */
struct msg_rx {
	struct addr sender;		/* after msg_open_envelope */
	uint64_t time;			/* after msg_open_envelope */
	unsigned char const *payload;	/* after msg_open_inner */
	size_t paylen;			/* after msg_open_inner */
	/* ---- private ---- */
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
 * |env|, env version, vsig (server_pk, me = own canonical address) and
 * sender101; on MSG_OK m->sender and m->time are set.  Any failure is the
 * message's verdict (MSG_NOMEM excepted). */
enum msg_verdict msg_open_envelope(struct msg_rx *m,
    unsigned char const *stored, size_t len, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN]);

/* step 2, after a MSG_OK step 1: opens the blob with sk, checks |inner|,
 * inner version, len, the Padme length and the padding; on MSG_OK
 * m->payload and m->paylen are set (not yet verified) */
enum msg_verdict msg_open_inner(struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN]);

/* step 3, after a MSG_OK step 2: checks ssig with the sender's key (from
 * KEY + pin): MSG_OK or MSG_SSIG_BAD.  Call it once. */
enum msg_verdict msg_check_ssig(struct msg_rx *m,
    unsigned char const sender_pk[RUNE_PK_LEN]);

#endif
