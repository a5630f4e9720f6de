/* msg2.h: the v2 message of doc/protocol-v2.md 1.5 (forward secret, with
 * a sender certificate inside), as its sender builds it.  The receiver's
 * checks (1.6) are msg_open_envelope (both versions) and msg2_open_*
 * in msg.h. */
#ifndef MSG2_H
#define MSG2_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"

/* who sends, as ssig2 and inner2 name them */
struct msg2_from {
	struct addr const *sender;		/* scert's (the real) sender */
	unsigned char const *sk;		/* its RUNE_SK_LEN secret key */
	unsigned char const *scert;		/* RUNE2_SCERT_LEN octets */
	unsigned char mode;			/* RUNE2_MODE_* */
	unsigned char const *tkh;		/* RUNE2_TKH_LEN octets */
};

/* to whom, with the prekeys of the bundle fetched for this message */
struct msg2_to {
	struct addr const *receiver;
	unsigned char const *rpk;		/* Ed25519 key, RUNE_PK_LEN */
	unsigned char const *spk;		/* last-resort X25519 key */
	unsigned char const *opk;		/* one-time key, or 32 zeros */
};

/* blob2 for payload[0..n) into blob[blobmax]; *bloblen =
 * padme_blob2_size(n).  e is the ephemeral secret: NULL draws a fresh one
 * (always, except for test vectors).  1 ok; 0 with errno EMSGSIZE (too
 * large), ENOMEM, or EINVAL (a key does not convert, a DH result is zero,
 * or a signature fails). */
int msg2_make(unsigned char *blob, size_t blobmax, size_t *bloblen,
    unsigned char const *payload, size_t n, struct msg2_from const *from,
    struct msg2_to const *to, unsigned char const e[RUNE2_X_LEN]);

/* inner2's head: version, ssig, scert, mode, tkh, the payload's length
 * n (4 octets, big-endian) */
void msg2_inner_hdr(unsigned char out[RUNE2_INNER_HDR],
    unsigned char const ssig[RUNE_SIG_LEN], struct msg2_from const *from,
    size_t n);

/* the seven values of okm's frame from e and to: E, IK (to's key
 * converted), SPK, OPK, DH1..DH3 (DH3 zeros without a one-time key); 0
 * when a key does not convert or a DH result is zero */
int msg2_agree(unsigned char keys[7][RUNE2_X_LEN],
    unsigned char const e[RUNE2_X_LEN], struct msg2_to const *to);

/* okm = BLAKE2b-56("RUNE-2 fs" 0 receiver 0 E IK SPK OPK DH1 DH2 DH3);
 * keys holds those seven values in that order.  1 ok, 0 bad receiver. */
int msg2_okm(unsigned char okm[RUNE2_OKM_LEN], struct addr const *receiver,
    unsigned char const keys[7][RUNE2_X_LEN]);

/* tkh = BLAKE2b-256("RUNE-2 tkh" 0 domain 0 epoch pkT); 1 ok, 0 bad
 * domain */
int msg2_tkh(unsigned char tkh[RUNE2_TKH_LEN], char const *domain,
    uint64_t epoch, unsigned char const pkT[RUNE2_X_LEN]);

#endif
