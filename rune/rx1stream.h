/* rx1stream.h: a large v1 message's steps after its envelope
 * (rx2stream_envelope), in passes over the stored blob: the inner
 * crypto_box_seal's tag over its whole ciphertext, then inner
 * decrypted into a temporary file with msg_open_inner's checks, and
 * ssig (Ed25519 in one pass) over the payload read back from it. */
#ifndef RX1STREAM_H
#define RX1STREAM_H

#include "msg.h"
#include "rx2inner.h"

/* msg_open_inner's verdicts, in its order; on MSG_OK x->plain holds
 * inner (its payload from RUNE_INNER_HDR, m->paylen octets), m->payload
 * NULL */
enum msg_verdict rx1stream_open(struct rx2s *x, struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN]);

/* msg_check_ssig's verdict with sender_pk; may be called again with
 * another key */
enum msg_verdict rx1stream_ssig(struct rx2s *x, struct msg_rx *m,
    unsigned char const sender_pk[RUNE_PK_LEN]);

#endif
