/* seal.h: seal(m, pk) of section 6, to and from Ed25519 keys. */
#ifndef SEAL_H
#define SEAL_H

#include <stddef.h>
#include "rune.h"

/* 1: out[0..mlen + RUNE_SEAL_LEN) holds crypto_box_seal(m) to the X25519
 * form of the Ed25519 key pk; 0: pk does not convert (errno EINVAL).
 * out and m must not overlap. */
int seal_to(unsigned char *out, unsigned char const *m, size_t mlen,
    unsigned char const pk[RUNE_PK_LEN]);

/* 1: out[0..clen - RUNE_SEAL_LEN) holds the opening of c[0..clen) with
 * the X25519 form of the Ed25519 secret key sk; 0: c is shorter than a
 * seal or does not open (errno EPROTO).  out and c must not overlap. */
int seal_open(unsigned char *out, unsigned char const *c, size_t clen,
    unsigned char const sk[RUNE_SK_LEN]);

#endif
