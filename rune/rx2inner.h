/* rx2inner.h: rx2stream.c's state, and its steps after the envelope:
 * blob2's AEAD opened in two passes (the tag over the whole ciphertext
 * first; then the plaintext into a temporary file, inner2's head and
 * padding checked on the way), and msg2_check with ssig2 in one pass
 * over the payload in that file. */
#ifndef RX2INNER_H
#define RX2INNER_H

#include <stdint.h>

#include "msg.h"
#include "paytmp.h"
#include "rune.h"

#define RX2S_PIECE	32768	/* a multiple of 64: ChaCha20's block */

struct rx2s {
	struct home const *home;
	struct paytmp *st;		/* the stored blob, as retrieved */
	struct paytmp plain;		/* inner2, once its tag verified */
	unsigned char nonce[24];	/* the seal's XSalsa20 */
	unsigned char key[32];
	uint64_t envlen;		/* the stored blob's length - 48 */
	char id[RUNE_ID_HEX_LEN + 1];
};

/* env's n octets from off into p (the seal's keystream applied) */
void rx2s_env_read(struct rx2s *x, uint64_t off, unsigned char *p,
    size_t n);

/* an inner part of either version: its head's length, its keystream
 * (xor applies it to p[0..k), the inner's octets from done), and its
 * head's parser (lib's msg_inner_head or msg2_inner_head) */
struct rx2s_inner {
	size_t hdr;
	void (*xor)(void const *key, unsigned char *p, size_t k,
	    uint64_t done);
	void const *key;
	enum msg_verdict (*head)(struct msg_rx *m, unsigned char const *inner,
	    uint64_t ilen, uint32_t *n);
};

/* the inner of ilen octets at env offset at decrypted into x->plain
 * piece by piece, its head parsed and its padding checked on the way:
 * the verdicts of msg_open_inner and msg2_open_inner after their seals,
 * in their order; m->paylen and m->ilen set */
enum msg_verdict rx2s_plain(struct rx2s *x, struct msg_rx *m, uint64_t at,
    uint64_t ilen, struct rx2s_inner const *in);

/* 1: m->ssig is pk's Ed25519 signature over hdr[0..h) and the payload,
 * m->paylen octets of x->plain from off, checked in one pass */
int rx2s_ssig_ok(struct rx2s *x, struct msg_rx const *m,
    unsigned char const pk[RUNE_PK_LEN], unsigned char const *hdr, size_t h,
    uint64_t off);

/* msg2_open_inner's verdicts, in its order; on MSG_OK x->plain holds
 * inner2 (its payload from RUNE2_INNER_HDR, m->paylen octets) and m's
 * head fields are set, m->payload NULL */
enum msg_verdict rx2inner_open(struct rx2s *x, struct msg_rx *m,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const lsec[RUNE2_X_LEN], unsigned char const *osec);

/* msg2_check's verdicts, ssig2 over x->plain's payload */
enum msg_verdict rx2inner_check(struct rx2s *x, struct msg_rx *m,
    char const *domain, unsigned char const server_pk[RUNE_PK_LEN]);

#endif
