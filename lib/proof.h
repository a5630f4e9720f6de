/* proof.h: the login proof of section 8, both sides. */
#ifndef PROOF_H
#define PROOF_H

#include <stddef.h>
#include "rune.h"
#include "addr.h"

/* client: sig = sign(login frame of the canonical address a, server pk,
 * n) with client_sk; 1 ok, 0 the frame does not fit (cannot happen for a
 * parsed address) */
int proof_make(unsigned char sig[RUNE_SIG_LEN], struct addr const *a,
    unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN],
    unsigned char const client_sk[RUNE_SK_LEN]);

/* server: 1 iff sig[0..siglen) is a 64-octet signature by registered_pk
 * over the login frame of the canonical address a, server_pk and n;
 * 0 otherwise (reply 412) */
int proof_check(unsigned char const *sig, size_t siglen,
    struct addr const *a, unsigned char const server_pk[RUNE_PK_LEN],
    unsigned char const n[RUNE_NONCE_LEN],
    unsigned char const registered_pk[RUNE_PK_LEN]);

#endif
