/* spki.h: the DER SubjectPublicKeyInfo of a TLS certificate's public key,
 * encoded from the key's parts (13.4: the TLS pin hashes these octets). */
#ifndef SPKI_H
#define SPKI_H

#include <stddef.h>

/* RSA 4096 (512-octet n) and P-521 fit with room to spare */
#define SPKI_MAX 1200

/* named curves, by their TLS group numbers */
#define SPKI_CURVE_P256 23
#define SPKI_CURVE_P384 24
#define SPKI_CURVE_P521 25

/* writes the SPKI of the EC key q[0..qlen) (an uncompressed point,
 * 0x04 || X || Y) on curve into out; returns its length, 0 when the
 * curve is not one of the three or q is not an uncompressed point of it */
size_t spki_ec(unsigned char out[SPKI_MAX], int curve,
    unsigned char const *q, size_t qlen);

/* writes the SPKI of the RSA key (modulus n, exponent e, both unsigned
 * big-endian, leading zeros allowed) into out; returns its length, 0
 * when a part is zero or too long */
size_t spki_rsa(unsigned char out[SPKI_MAX], unsigned char const *n,
    size_t nlen, unsigned char const *e, size_t elen);

#endif
