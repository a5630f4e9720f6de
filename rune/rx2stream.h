/* rx2stream.h: a large message (more than RX2STREAM_MIN octets stored:
 * the envelope of either version here, a v1 one's inner part in
 * rx1stream.h), received into a temporary file and checked in passes with 32 KiB
 * buffers, never in memory whole (doc/client.md "A large message in
 * bounded memory"): the seal's tag over the whole file before anything
 * of it is used; the envelope, vsig2 (Ed25519 in one pass, edverify.h)
 * and BLAKE2b(blob2); then rx2_check_ops's steps, the same verdicts in
 * the same order as the in-memory path: the AEAD's tag over the whole
 * ciphertext, then its plaintext decrypted into a second temporary file
 * (inner2's head, length, Padme and padding checked on the way), scert,
 * mode, tkh, ssig2 over the payload in that file, the pin, the local
 * record written in pieces (localrec.h), then the one-time secret
 * deleted. */
#ifndef RX2STREAM_H
#define RX2STREAM_H

#include <stdint.h>

#include "paytmp.h"
#include "rx2inner.h"
#include "received.h"

#define RX2STREAM_MIN	(256 * 1024)	/* as the server's streamed SEND */

/* the stored blob of message id in st (RETRIEVE checked it against
 * id), for me (secret key sk, the server's pinned key spk): the seal's
 * tag, then msg_open_envelope's checks, for either version; x is set
 * for the steps after it */
enum msg_verdict rx2stream_envelope(struct rx2s *x, struct received *r,
    struct conn *cn, char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN], struct paytmp *st);

/* a v2 message after a MSG_OK rx2stream_envelope: rx2_check's status */
enum received_status rx2stream_check(struct rx2s *x, struct received *r,
    struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN]);

/* after either version's checks: a message that passes keeps its
 * payload's file in r (r->big, r->body from r->boff); x wiped */
void rx2stream_end(struct rx2s *x, struct received *r);

#endif
