/* rx.h: one received message, retrieved and checked as spec 13.7 says:
 * the envelope with the pinned server key, the inner part, then the
 * sender's key from KEY and its pin, and ssig. */
#ifndef RX_H
#define RX_H

#include "addr.h"
#include "buf.h"
#include "conn.h"
#include "msg.h"

enum rx_status {
	RX_GONE,	/* 415: no such message */
	RX_REJECTED,	/* a check failed: verdict says which */
	RX_VERIFIED,	/* ssig verified with the pinned key */
	RX_NEWKEY,	/* ssig verified with a key pinned just now */
	RX_NOKEY,	/* the server knows no key for the sender, nor do
			 * the pins: ssig unchecked */
	RX_OLDKEY,	/* ssig verified with a replaced key of the sender
			 * (pinold.h): signed before the key changed */
	RX_KEYCHANGED	/* KEY gave a key that differs from the pin: not
			 * checked (pinned and seen say which) */
};

struct rx {
	enum rx_status status;
	enum msg_verdict verdict;	/* RX_REJECTED: the reason */
	struct msg_rx m;		/* sender, time, payload, paylen */
	struct buf stored;
	unsigned char pinned[RUNE_FPR_LEN];	/* RX_KEYCHANGED: the pin */
	unsigned char seen[RUNE_FPR_LEN];	/* ... and what KEY gave */
	unsigned char oldfp[RUNE_FPR_LEN];	/* RX_OLDKEY: which key */
	int fs;			/* 0 v1, 1 forward secret, 2 delayed (an
				 * L-only v2 message): v2.h */
	int withheld;		/* L-only while the server held one-time
				 * keys (v2_withheld) */
};

/* retrieves message id over cn (logged in as me, with secret key sk)
 * and checks it; a sender key that differs from its pin is
 * RX_KEYCHANGED (nothing is re-pinned) */
enum rx_status rx_get(struct rx *r, struct conn *cn, char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN]);

/* r made empty, for rx_check on a blob put into r->stored */
void rx_init(struct rx *r);

/* checks the blob in r->stored (from RETRIEVE or the cache) as rx_get
 * does; with cn NULL (offline, a cached message) the sender's key is
 * only its pin (none: RX_NOKEY) */
enum rx_status rx_check(struct rx *r, struct conn *cn, struct home const *h,
    struct hostport const *hp, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* "yes", "unverified (new key pinned)", "unverified (no key for the
 * sender)", "signed by ADDRESS's previous key FPR" or "failed: REASON" */
char const *rx_verified(struct rx const *r);

/* for a message held back (RX_REJECTED, RX_KEYCHANGED): why, in a
 * sentence a person understands, into why[max], and the command that
 * resolves it into cmd[max] */
void rx_explain(struct rx const *r, char const *id, char *why, size_t wmax,
    char *cmd, size_t cmax);

/* 1: r->m.sender is the checked envelope's sender (a message held back
 * after its envelope opened) */
int rx_sender_known(struct rx const *r);

/* frees what rx_get kept */
void rx_free(struct rx *r);

#endif
