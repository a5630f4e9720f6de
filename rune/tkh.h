/* tkh.h: the receiver's check of an anonymous message's token key hash
 * (doc/protocol-v2.md A5 and 1.6 step 8; doc/client.md "Anonymous
 * sending"): tkh inside the message against the token key pinned for
 * epoch E or E-1 of the envelope time, the key fetched (TOKENKEY) and
 * pinned when there is no pin for an epoch.  The pins and TOKENKEY are
 * tokens.h's. */
#ifndef TKH_H
#define TKH_H

#include <stdint.h>
#include "conn.h"
#include "home.h"
#include "rune.h"

enum tkh_result {
	TKH_OK,		/* it names the key pinned for E or E-1 */
	TKH_MISMATCH,	/* both keys known, and it names neither: the
			 * key-change alarm of the token key */
	TKH_REFUSED,	/* no match, and the server answered 417 for an
			 * epoch it must still know (the current one or
			 * the one before, by this client's clock): it
			 * withholds the key, the same alarm */
	TKH_UNKNOWN,	/* no match, and a key could not be had (417 for
			 * an epoch past by this client's clock, or no
			 * connection): not checked */
	TKH_NOANON	/* no ANONSEND line pinned nor offered: no epochs
			 * to check against */
};

/* checks tkh of a message of envelope time t against the pins of home
 * h; cn (NULL: offline, the pins only) is used for CAPABILITIES when no
 * ANONSEND line is pinned yet, and TOKENKEY for an epoch with no pin;
 * *epoch is set to the envelope's epoch E (0 under TKH_NOANON) */
enum tkh_result tkh_check(struct conn *cn, struct home const *h,
    char const *domain, unsigned char const server_pk[RUNE_PK_LEN],
    uint64_t t, unsigned char const tkh[RUNE2_TKH_LEN], uint64_t *epoch);

#endif
