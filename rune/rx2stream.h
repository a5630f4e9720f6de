/* rx2stream.h: a large v2 message (more than RX2STREAM_MIN octets stored)
 * received into a temporary file and checked in passes with 32 KiB
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
#include "received.h"

#define RX2STREAM_MIN	(256 * 1024)	/* as the server's streamed SEND */
#define RX2STREAM_V1	(-1)		/* a v1 message: not opened */

/* the stored blob of message id in st (RETRIEVE checked it against
 * id), checked for me (secret key sk, the server's pinned key spk):
 * the status as received_check gives it, the payload of a message that
 * passes in r->body from r->boff (r->big set); RX2STREAM_V1 when the
 * envelope is version 1 (r to be made afresh) */
int rx2stream_check(struct received *r, struct conn *cn, char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const spk[RUNE_PK_LEN], struct paytmp *st);

#endif
