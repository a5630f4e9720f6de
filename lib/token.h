/* token.h: protocol v2's blind tokens above the VOPRF (doc/protocol-v2.md
 * 2.3-2.5): the token's input, the REDEEM mac, the token key's
 * signature.  The VOPRF itself is voprf.h. */
#ifndef TOKEN_H
#define TOKEN_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"
#include "frame.h"
#include "voprf.h"

/* x for t under epoch into x[FRAME2_TOKEN_INPUT_MAX]; its length, or 0
 * for a domain that does not fit */
size_t token_input(unsigned char *x, char const *domain, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN]);

/* mac = BLAKE2b-256 keyed with the token's output y over the redeem frame
 * for receiver; 1 ok, 0 bad domain or receiver */
int token_mac(unsigned char mac[RUNE2_TOKEN_MAC_LEN],
    unsigned char const y[VOPRF_OUT], char const *domain,
    struct addr const *receiver, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN]);

/* the server's redemption check (2.5 step 2): evaluates x from t with
 * skT and compares the mac in constant time.  1 the mac is right, 0
 * otherwise */
int token_mac_check(unsigned char const mac[RUNE2_TOKEN_MAC_LEN],
    unsigned char const skT[VOPRF_SCALAR], char const *domain,
    struct addr const *receiver, uint64_t epoch,
    unsigned char const t[RUNE2_TOKEN_T_LEN]);

/* ksig over (domain, epoch, pkT) with the server's key; 1 ok */
int token_key_sign(unsigned char ksig[RUNE_SIG_LEN], char const *domain,
    uint64_t epoch, unsigned char const pkT[VOPRF_ELEM],
    unsigned char const server_sk[RUNE_SK_LEN]);

/* 1: ksig verifies with the server's key and pkT is a valid element */
int token_key_verify(unsigned char const ksig[RUNE_SIG_LEN],
    char const *domain, uint64_t epoch, unsigned char const pkT[VOPRF_ELEM],
    unsigned char const server_pk[RUNE_PK_LEN]);

#endif
