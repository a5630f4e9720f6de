/* prekeyset.h: one address's prekey records on the server
 * (doc/protocol-v2.md 3.2, 3.4): the current and previous last-resort
 * records and the one-time records in upload order, with the upload's
 * all-or-nothing checks and the fetch that hands each one-time record
 * out once.  Pure logic over memory; the writer of key material keeps
 * the file (prekeyset_fmt, prekeyset_parse) and makes every change
 * durable before it answers. */
#ifndef PREKEYSET_H
#define PREKEYSET_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"

#define PREKEYSET_MAXOPK_MAX	10000	/* the largest PREKEYS setting */
#define PREKEYSET_NOT_AFTER_MAX	(60ULL * 86400)	/* A10: 60 days ahead */

struct prekeyset {
	unsigned char last[RUNE2_PREKEY_LEN];	/* the current L, if has_last */
	unsigned char prev[RUNE2_PREKEY_LEN];	/* the one before, if has_prev */
	int has_last, has_prev;
	unsigned char (*one)[RUNE2_PREKEY_LEN];	/* one-time records, oldest first */
	size_t n;			/* how many */
	size_t cap;			/* room in one */
};

/* an empty set */
void prekeyset_init(struct prekeyset *s);

/* frees what s holds; s is then empty */
void prekeyset_free(struct prekeyset *s);

/* the file's octets for s: 0x02, flags (1: a current L, 2: a previous
 * L), those records, then the one-time records; returns the length, or
 * 0 when out[max] is too small */
size_t prekeyset_fmt(struct prekeyset const *s, unsigned char *out,
    size_t max);

/* the octets prekeyset_fmt needs for s */
size_t prekeyset_size(struct prekeyset const *s);

/* reads a file written by prekeyset_fmt into s (empty before); 1 ok,
 * 0 malformed, -1 out of memory */
int prekeyset_parse(struct prekeyset *s, unsigned char const *b,
    size_t len);

/* PREKEYS with n records recs (105 octets each) for address a, whose key
 * is pk, at time now, with at most maxopk one-time records stored:
 * every psig verifies, kinds are L or O with at most one L, every
 * not_after is in (now, now + 60 days], no xpk repeats a stored one or
 * another of the upload.  0 stored in s (a new L moves the current one
 * to previous; expired records are dropped); 409 invalid prekey; 420 too
 * many one-time records; -1 out of memory.  s is unchanged unless 0. */
int prekeyset_upload(struct prekeyset *s, unsigned char const *recs,
    size_t n, struct addr const *a, unsigned char const pk[RUNE_PK_LEN],
    uint64_t now, size_t maxopk);

/* PREKEY: the current L when its not_after is ahead of now (else 418),
 * and the oldest one-time record still valid, removed from s (*has_one
 * 0 when none, or when last_only: a rate limit was reached, A6).
 * Expired one-time records are dropped on the way.  Returns 0 or 418. */
int prekeyset_take(struct prekeyset *s, uint64_t now, int last_only,
    unsigned char last[RUNE2_PREKEY_LEN], unsigned char one[RUNE2_PREKEY_LEN],
    int *has_one);

/* PREKEYS 0: the valid one-time records and the current L's not_after
 * (0 without a valid L) */
void prekeyset_count(struct prekeyset const *s, uint64_t now, size_t *n,
    uint64_t *last_not_after);

#endif
