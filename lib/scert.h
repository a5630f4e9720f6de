/* scert.h: the sender certificate of protocol v2 (doc/protocol-v2.md 1.5):
 * scert = sender101 || spk || not_after || csig, 205 octets, csig by the
 * server's key over its domain. */
#ifndef SCERT_H
#define SCERT_H

#include <stdint.h>
#include "rune.h"
#include "addr.h"

struct scert {
	struct addr sender;		/* canonical, of the domain */
	unsigned char spk[RUNE_PK_LEN];	/* the sender's Ed25519 key */
	uint64_t not_after;		/* unix seconds */
};

/* writes the certificate of c into out, signed with the server's secret
 * key for domain.  1 ok; 0 sender not of domain, or signing failed
 * (errno EINVAL). */
int scert_make(unsigned char out[RUNE2_SCERT_LEN], struct scert const *c,
    char const *domain, unsigned char const server_sk[RUNE_SK_LEN]);

/* 1: in's sender101 holds a canonical address of domain and csig
 * verifies with server_pk; *c holds it.  0 otherwise.  not_after is the
 * caller's to compare with the envelope time. */
int scert_parse(struct scert *c, unsigned char const in[RUNE2_SCERT_LEN],
    char const *domain, unsigned char const server_pk[RUNE_PK_LEN]);

#endif
