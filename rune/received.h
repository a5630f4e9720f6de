/* received.h: one received message, retrieved and checked as spec 13.7 says:
 * the envelope with the pinned server key, the inner part, then the
 * sender's key from KEY and its pin, and ssig. */
#ifndef RECEIVED_H
#define RECEIVED_H

#include "addr.h"
#include "buf.h"
#include "conn.h"
#include "die.h"
#include "msg.h"
#include "paytmp.h"

enum received_status {
	RECEIVED_GONE,		/* 415: no such message */
	RECEIVED_REJECTED,	/* a check failed: verdict says which */
	RECEIVED_VERIFIED,	/* ssig verified with the pinned key */
	RECEIVED_NEWKEY,	/* ssig verified with a key pinned just now */
	RECEIVED_NOKEY,		/* the server knows no key for the sender,
				 * nor do the pins: ssig unchecked */
	RECEIVED_OLDKEY,	/* ssig verified with a replaced key of the
				 * sender (oldkeys.h): signed before the
				 * key changed */
	RECEIVED_KEYCHANGED	/* KEY gave a key that differs from the pin:
				 * not checked (pinned and seen say which) */
};

struct received {
	enum received_status status;
	enum msg_verdict verdict;	/* RECEIVED_REJECTED: the reason */
	struct msg_rx m;		/* sender, time, payload, paylen */
	struct buf stored;
	unsigned char pinned[RUNE_FPR_LEN];	/* RECEIVED_KEYCHANGED: pin */
	unsigned char seen[RUNE_FPR_LEN];	/* ... and what KEY gave */
	unsigned char oldfp[RUNE_FPR_LEN];	/* RECEIVED_OLDKEY: which key */
	int fs;			/* 0 v1, 1 forward secret, 2 delayed (an
				 * L-only v2 message): v2.h */
	int withheld;		/* L-only while the server held one-time
				 * keys (v2_withheld) */
	int tkh_unchecked;	/* anonymous, and no token key for its
				 * epochs to check its tkh against (tkh.h) */
	int big;		/* a large message checked in passes
				 * (rx2stream.h): the stored blob is in
				 * bigstored; for one that passes,
				 * m.payload is NULL, the payload is body's
				 * m.paylen octets from boff (a v2 one's
				 * local record is in the cache already) */
	struct paytmp bigstored;
	struct paytmp body;
	uint64_t boff;
};

/* retrieves message id over cn (logged in as me, with secret key sk)
 * and checks it; a sender key that differs from its pin is
 * RECEIVED_KEYCHANGED (nothing is re-pinned) */
enum received_status received_get(struct received *r, struct conn *cn,
    char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN]);

/* received_get, but a stored blob of more than min octets is received
 * into a temporary file and checked in passes (rx2stream.h,
 * rx1stream.h: r->big), with the same verdicts */
enum received_status received_get_big(struct received *r, struct conn *cn,
    char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN], uint64_t min);

/* r made empty, for received_check on a blob put into r->stored */
void received_init(struct received *r);

/* checks the blob in r->stored (from RETRIEVE or the cache) as received_get
 * does; with cn NULL (offline, a cached message) the sender's key is
 * only its pin (none: RECEIVED_NOKEY) */
enum received_status received_check(struct received *r, struct conn *cn,
    struct home const *h,
    struct hostport const *hp, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* "yes", "unverified (new key pinned)", "unverified (no key for the
 * sender)", "signed by ADDRESS's previous key FPR" or "failed: REASON" */
char const *received_verified(struct received const *r);

/* for a message held back (RECEIVED_REJECTED, RECEIVED_KEYCHANGED): why, in a
 * sentence a person understands, into why[max], and the command that
 * resolves it into cmd[max] */
void received_explain(struct received const *r, char const *id, char *why,
    size_t wmax,
    char *cmd, size_t cmax);

/* the loud lines of the token key alarm (A5: an anonymous message whose
 * tkh names another token key than the pinned one, MSG2_TKH_BAD) on
 * stderr, with why (received_explain's) */
void received_alarm(char const *why);

/* 1: r->m.sender is the checked envelope's sender (a message held back
 * after its envelope opened) */
int received_sender_known(struct received const *r);

/* frees what received_get kept */
void received_free(struct received *r);

/* r is rejected for v (RECEIVED_REJECTED, returned); out of memory
 * ends the program (111); for received.c and v2recv.c, which calls no
 * function of received.c */
static inline enum received_status
received_reject(struct received *r, enum msg_verdict v)
{
	if (v == MSG_NOMEM)
		die(RUNE_EXIT_TEMP, "out of memory");
	r->verdict = v;
	return r->status = RECEIVED_REJECTED;
}

#endif
