/* prekey.h: the signed prekey records of protocol v2 (doc/protocol-v2.md
 * 3.2): record = kind || xpk || not_after || psig, 105 octets. */
#ifndef PREKEY_H
#define PREKEY_H

#include <stdint.h>
#include "rune.h"
#include "addr.h"

struct prekey {
	unsigned char kind;		/* RUNE2_KIND_LASTRESORT or _ONETIME */
	unsigned char xpk[RUNE2_X_LEN];	/* X25519 public key */
	uint64_t not_after;		/* unix seconds */
};

/* writes p's record for the canonical address a, signed with a's secret
 * key sk, into rec.  1 ok; 0 bad kind, zero xpk or signing failed
 * (errno EINVAL). */
int prekey_make(unsigned char rec[RUNE2_PREKEY_LEN], struct prekey const *p,
    struct addr const *a, unsigned char const sk[RUNE_SK_LEN]);

/* 1: rec is a record of kind L or O with a non-zero xpk whose psig
 * verifies with pk for the canonical address a; *p holds it.  0
 * otherwise.  The time rules (not_after ahead of now, at most 60 days)
 * are the caller's. */
int prekey_parse(struct prekey *p, unsigned char const rec[RUNE2_PREKEY_LEN],
    struct addr const *a, unsigned char const pk[RUNE_PK_LEN]);

#endif
