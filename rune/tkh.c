/* tkh.c: the receiver's token key check, as tkh.h says. */
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "die.h"
#include "msg2.h"
#include "tkh.h"
#include "tokens.h"
#include "v2.h"

/* the ANONSEND line: over cn, CAPABILITIES (v2_caps) checked against
 * (or pinned as) the pin (C3: a changed or vanished line exits
 * loudly); offline, the pin.  1 ac set, 0 none offered nor pinned */
static int
anoncaps(struct conn *cn, struct home const *h, struct anoncaps *ac)
{
	char line[RUNE_LINE_MAX];
	struct v2caps cp;

	memset(ac, 0, sizeof *ac);
	if (cn == NULL) {
		if (!home_read_line(h, "tokens/anonsend", line, sizeof line))
			return 0;
		if (!tokens_caps_line(ac, line, strlen(line)) ||
		    ac->epochdays == 0)
			die(RUNE_EXIT_PERM, "%s/tokens/anonsend is damaged: "
			    "not an ANONSEND line", h->dir);
		return 1;
	}
	v2_caps(cn, &cp);	/* asked once per server and process */
	*ac = cp.anon;
	if (tokens_anonsend_pin(h, ac) == TOKENS_PIN_NONE)
		memset(ac, 0, sizeof *ac);
	return ac->epochdays > 0;
}

/* 1: tkh is the hash of (domain, epoch, pkT) */
static int
names(char const *domain, uint64_t epoch,
    unsigned char const pkT[VOPRF_ELEM],
    unsigned char const tkh[RUNE2_TKH_LEN])
{
	unsigned char want[RUNE2_TKH_LEN];
	int eq;

	if (!msg2_tkh(want, domain, epoch, pkT))
		die(RUNE_EXIT_PERM, "token key hash: bad domain");
	eq = sodium_memcmp(want, tkh, RUNE2_TKH_LEN) == 0;
	sodium_memzero(want, sizeof want);
	return eq;
}

enum tkh_result
tkh_check(struct conn *cn, struct home const *h, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN], uint64_t t,
    unsigned char const tkh[RUNE2_TKH_LEN], uint64_t *epoch)
{
	unsigned char pkT[VOPRF_ELEM];
	struct anoncaps ac;
	uint64_t e[2], now;
	int have[2] = { 0, 0 }, i, n;

	*epoch = 0;
	if (!anoncaps(cn, h, &ac))
		return TKH_NOANON;
	e[0] = *epoch = tokens_epoch(&ac, t);
	e[1] = e[0] - 1;
	n = e[0] > 0 ? 2 : 1;
	/* the pins first (A5): no question asked when one matches */
	for (i = 0; i < n; i++)
		if ((have[i] = tokens_pinned(h, e[i], pkT)) &&
		    names(domain, e[i], pkT, tkh))
			return TKH_OK;
	/* an epoch with no pin: its key from the server, pinned (a
	 * second key for a pinned epoch is tokens_key's alarm) */
	for (i = 0; i < n; i++) {
		if (have[i] || cn == NULL)
			continue;
		if ((have[i] = tokens_key(cn, &ac, e[i], server_pk, pkT)) &&
		    names(domain, e[i], pkT, tkh))
			return TKH_OK;
	}
	/* 417 for an epoch the server must still know (the current one or
	 * the one before, by our clock): it withholds the key (2.3: keys of
	 * E and E-1 are served) */
	now = tokens_epoch(&ac, (uint64_t)time(NULL));
	for (i = 0; i < n; i++)
		if (!have[i] && cn != NULL && e[i] + 1 >= now)
			return TKH_REFUSED;
	for (i = 0; i < n; i++)
		if (!have[i])
			return TKH_UNKNOWN;
	return TKH_MISMATCH;
}
