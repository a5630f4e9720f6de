/* xsxor.h: XSalsa20's keystream from any octet position, for
 * crypto_secretbox and crypto_box_seal computed in pieces (a secretbox's
 * Poly1305 key is the keystream's octets 0..32, its ciphertext the
 * plaintext XOR the keystream from octet 32 on). */
#ifndef XSXOR_H
#define XSXOR_H

#include <stddef.h>
#include <stdint.h>

/* out[0..n) = in[0..n) XOR XSalsa20(key, nonce) from octet pos on; out
 * and in may be the same */
void xsxor(unsigned char *out, unsigned char const *in, size_t n,
    uint64_t pos, unsigned char const nonce[24],
    unsigned char const key[32]);

#endif
