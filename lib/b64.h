/* b64.h: strict RFC 4648 base64 (13.3), through libsodium. */
#ifndef B64_H
#define B64_H

#include <stddef.h>

/* size of the text for n octets, with the NUL */
#define B64_LEN(n) ((((n) + 2) / 3) * 4 + 1)

/* 1: out[0..*outlen) holds the octets of s[0..len); 0: not strict b64
 * (an octet 0x80-0xff included) or longer than outmax octets */
int b64_decode(unsigned char *out, size_t outmax, size_t *outlen,
    char const *s, size_t len);

/* writes the text of in[0..len) and a NUL into out (B64_LEN(len)
 * octets); returns the text's length */
size_t b64_encode(char *out, unsigned char const *in, size_t len);

#endif
