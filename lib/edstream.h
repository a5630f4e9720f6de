/* edstream.h: an Ed25519 signature (libsodium's crypto_sign_detached,
 * RFC 8032) over a message that is never in memory whole, in two passes
 * over it:
 *
 *   1. edstream_begin(sk), every chunk to edstream_update;
 *   2. edstream_hram_begin, every chunk again to edstream_update, then
 *      edstream_end, which gives the 64-octet signature.
 *
 * The chunks may differ between the passes; their concatenation may
 * not. */
#ifndef EDSTREAM_H
#define EDSTREAM_H

#include <stddef.h>

#include <sodium.h>

struct edstream {
	crypto_hash_sha512_state h;
	unsigned char az[64];	/* SHA-512 of the seed: secret */
	unsigned char pk[32];
	unsigned char r[32];	/* the nonce scalar: secret */
	unsigned char R[32];
};

void edstream_begin(struct edstream *s, unsigned char const sk[64]);
void edstream_update(struct edstream *s, unsigned char const *p, size_t n);
void edstream_hram_begin(struct edstream *s);
/* sig = R || S; wipes s */
void edstream_end(struct edstream *s, unsigned char sig[64]);

#endif
