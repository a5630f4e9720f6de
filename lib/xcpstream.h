/* xcpstream.h: libsodium's crypto_aead_xchacha20poly1305_ietf_encrypt in
 * pieces, for a message whose length is known at the start but which is
 * never in memory whole: xcpstream_begin (key, nonce, the additional
 * data), the plaintext in chunks of any size through xcpstream_crypt,
 * then xcpstream_end for the 16-octet tag.  The ciphertext's octets and
 * the tag are the one-shot call's (t/177). */
#ifndef XCPSTREAM_H
#define XCPSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

struct xcpstream {
	crypto_onetimeauth_poly1305_state p;
	unsigned char key[32];	/* HChaCha20's subkey: secret */
	unsigned char nonce[12];	/* 4 zeros || the nonce's last 8 */
	uint64_t pos;		/* octets encrypted so far */
	uint64_t adlen;
};

void xcpstream_begin(struct xcpstream *s, unsigned char const key[32],
    unsigned char const nonce[24], unsigned char const *ad, size_t adlen);
/* out[0..n) = p[0..n) encrypted (out may be p) */
void xcpstream_crypt(struct xcpstream *s, unsigned char *out,
    unsigned char const *p, size_t n);
/* the tag; wipes s */
void xcpstream_end(struct xcpstream *s, unsigned char tag[16]);

#endif
