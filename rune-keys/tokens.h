/* tokens.h: the token writer (doc/protocol-v2.md 2.3-2.8, doc/design.md
 * "Process layout"): the epoch keys, the spent set, the daily issuance
 * counter and the per-receiver cap on anonymous messages, all below
 * keys/tokens/ (0700, the owner of keys/ only).  It alone reads an epoch
 * key; the session asks it over the pipe protocol of rune-keys(8),
 * "TOKENS", through keys/socket (rune-keys daemon, which serves the
 * prekey protocol on the same connections) or a `rune-keys tokens` of its
 * own. */
#ifndef TOKENS_H
#define TOKENS_H

#include <stdint.h>
#include "addr.h"
#include "conf.h"
#include "voprf.h"


/* the answers' codes: 0 ok, else the protocol's reply code */
#define TOK_OK		0
/* TOKENS for an address registered less than control/anonwait seconds
 * ago (doc/protocol-v2.md 2.9): "err 426", which the session answers as
 * 420 with its own text */
#define TOK_TOO_NEW	426

struct tokd {
	struct conf c;
	char dir[1100];			/* ROOT/keys/tokens */
	unsigned char salt[32];		/* keys the counters' names */
	uint64_t now;			/* the clock for this request */
};

/* makes keys/tokens/ and its salt when missing; 1 done, 0 error (logged) */
int tokens_open(struct tokd *t, struct conf const *c);

/* the current epoch and day */
uint64_t tokens_epoch(struct tokd const *t);

/* pk of epoch e (E or E-1), made for E when missing and create is set
 * (never at or below the highest epoch made: a clock set back, A11);
 * TOK_OK, 417 or 451 */
int tokens_key(struct tokd *t, uint64_t e, int create,
    unsigned char sk[VOPRF_SCALAR], unsigned char pk[VOPRF_ELEM]);

/* TOKENS for address a under epoch e, n elements B: Z and the proof;
 * counts the batch durably first.  TOK_OK, 400, 411, 417, 420,
 * TOK_TOO_NEW, 451 */
int tokens_issue(struct tokd *t, struct addr const *a, uint64_t e,
    unsigned char const B[][VOPRF_ELEM], size_t n,
    unsigned char Z[][VOPRF_ELEM], unsigned char proof[VOPRF_PROOF]);

/* REDEEM in the order of doc/protocol-v2.md 2.5 (steps 1 to 5) with A8:
 * TOK_OK (spent, durably), 400, 404 (spent), 417, 418, 420, 451 */
int tokens_redeem(struct tokd *t, struct addr const *rcpt, uint64_t e,
    unsigned char const tm[64]);

/* removes what the rules of 2.8 and A11 drop: keys, then spent
 * directories, of epochs at or below E - 2; the counters of past days
 * and hours */
void tokens_clean(struct tokd *t);

#define TOKENS_PERMIT_LEN	32

/* the permit receipt of a redemption (what lets PREKEY on a permit take a
 * receiver's prekeys, rune-keys(8)): BLAKE2b-256 keyed with the salt over
 * ("permit", rcpt, e, t) */
void tokens_permit(struct tokd *t, unsigned char pm[TOKENS_PERMIT_LEN],
    struct addr const *rcpt, uint64_t e, unsigned char const *tk);

/* uses a permit for one PREKEY: the receipt is right, t is spent, and its
 * PREKEY was not taken (spent/E/HEX(t).p made with O_EXCL).  TOK_OK,
 * 417 or 451 */
int tokens_permit_use(struct tokd *t, struct addr const *rcpt, uint64_t e,
    unsigned char const *tk, unsigned char const pm[TOKENS_PERMIT_LEN]);

struct line;
struct tok;

/* one request line of the token protocol (key, issue, redeem) split in
 * v[0..n), on a connection logged in as me (NULL: none; issue needs it):
 * 0 not one (the caller's), 1 answered, -1 answered and the stream is
 * not to be trusted further (end it).  The writer is set up at the first
 * request.  prekeys_serve (rune-keys prekeys and daemon) calls it. */
int tokens_request(struct conf const *c, struct line *in,
    struct tok const *v, int n, struct addr const *me);

/* "take-permit"'s check (prekeys.c): the fields as sent; TOK_OK, 400,
 * 417, 451 */
int tokens_permit_check(struct conf const *c, struct addr const *rcpt,
    struct tok const *epoch, struct tok const *tb64,
    struct tok const *pb64);

#endif
