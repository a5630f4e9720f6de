/* prekeyset.c: an address's prekey records, checked and handed out. */
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "prekey.h"
#include "prekeyset.h"

#define REC	RUNE2_PREKEY_LEN
#define FLAG_LAST	1
#define FLAG_PREV	2

static uint64_t
not_after(unsigned char const *rec)
{
	return num_unpack_be8(rec + 1 + RUNE2_X_LEN);
}

void
prekeyset_init(struct prekeyset *s)
{
	memset(s, 0, sizeof *s);
	s->one = NULL;
}

void
prekeyset_free(struct prekeyset *s)
{
	free(s->one);
	prekeyset_init(s);
}

static int
grow(struct prekeyset *s, size_t want)
{
	unsigned char (*p)[REC];
	size_t cap;

	if (want <= s->cap)
		return 1;
	if (want > PREKEYSET_MAXOPK_MAX + 1)
		return 0;
	cap = want < 16 ? 16 : want;
	p = realloc(s->one, cap * REC);
	if (p == NULL)
		return 0;
	s->one = p;
	s->cap = cap;
	return 1;
}

size_t
prekeyset_size(struct prekeyset const *s)
{
	return 2 + REC * ((size_t)s->has_last + (size_t)s->has_prev + s->n);
}

size_t
prekeyset_fmt(struct prekeyset const *s, unsigned char *out, size_t max)
{
	size_t len = prekeyset_size(s), pos = 2;

	if (len > max)
		return 0;
	out[0] = RUNE2_VERSION_OCTET;
	out[1] = (unsigned char)((s->has_last ? FLAG_LAST : 0) |
	    (s->has_prev ? FLAG_PREV : 0));
	if (s->has_last) {
		memcpy(out + pos, s->last, REC);
		pos += REC;
	}
	if (s->has_prev) {
		memcpy(out + pos, s->prev, REC);
		pos += REC;
	}
	if (s->n > 0)
		memcpy(out + pos, s->one, s->n * REC);
	return len;
}

int
prekeyset_parse(struct prekeyset *s, unsigned char const *b, size_t len)
{
	size_t pos = 2, k;

	if (len < 2 || b[0] != RUNE2_VERSION_OCTET ||
	    (b[1] & ~(FLAG_LAST | FLAG_PREV)) != 0 ||
	    (b[1] & FLAG_PREV && !(b[1] & FLAG_LAST)) || (len - 2) % REC)
		return 0;
	k = (len - 2) / REC;
	s->has_last = (b[1] & FLAG_LAST) != 0;
	s->has_prev = (b[1] & FLAG_PREV) != 0;
	if (k < (size_t)s->has_last + (size_t)s->has_prev)
		return 0;
	k -= (size_t)s->has_last + (size_t)s->has_prev;
	if (k > PREKEYSET_MAXOPK_MAX)
		return 0;
	if (s->has_last) {
		memcpy(s->last, b + pos, REC);
		pos += REC;
	}
	if (s->has_prev) {
		memcpy(s->prev, b + pos, REC);
		pos += REC;
	}
	if (k > 0 && !grow(s, k))
		return -1;
	if (k > 0)
		memcpy(s->one, b + pos, k * REC);
	s->n = k;
	return 1;
}

/* 1: xpk is the key of a stored record or of recs[0..upto) */
static int
taken(struct prekeyset const *s, unsigned char const *recs, size_t upto,
    unsigned char const *xpk)
{
	size_t i;

	if (s->has_last && !memcmp(s->last + 1, xpk, RUNE2_X_LEN))
		return 1;
	if (s->has_prev && !memcmp(s->prev + 1, xpk, RUNE2_X_LEN))
		return 1;
	for (i = 0; i < s->n; i++)
		if (!memcmp(s->one[i] + 1, xpk, RUNE2_X_LEN))
			return 1;
	for (i = 0; i < upto; i++)
		if (!memcmp(recs + i * REC + 1, xpk, RUNE2_X_LEN))
			return 1;
	return 0;
}

/* drops the one-time records whose not_after has passed, and a previous
 * L past its not_after */
static void
drop_expired(struct prekeyset *s, uint64_t now)
{
	size_t i, k = 0;

	for (i = 0; i < s->n; i++)
		if (not_after(s->one[i]) > now) {
			if (k != i)
				memcpy(s->one[k], s->one[i], REC);
			k++;
		}
	s->n = k;
	if (s->has_prev && not_after(s->prev) <= now)
		s->has_prev = 0;
}

int
prekeyset_upload(struct prekeyset *s, unsigned char const *recs, size_t n,
    struct addr const *a, unsigned char const pk[RUNE_PK_LEN], uint64_t now,
    size_t maxopk)
{
	unsigned char const *newlast = NULL;
	struct prekey p;
	size_t i, ones = 0;

	if (n == 0)
		return 409;
	for (i = 0; i < n; i++) {
		unsigned char const *r = recs + i * REC;

		if (!prekey_parse(&p, r, a, pk) || p.not_after <= now ||
		    p.not_after - now > PREKEYSET_NOT_AFTER_MAX ||
		    taken(s, recs, i, p.xpk))
			return 409;
		if (p.kind == RUNE2_KIND_LASTRESORT) {
			if (newlast != NULL)
				return 409;
			newlast = r;
		} else
			ones++;
	}
	drop_expired(s, now);
	if (ones > maxopk || s->n > maxopk - ones)
		return 420;
	if (!grow(s, s->n + ones))
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char const *r = recs + i * REC;

		if (r[0] == RUNE2_KIND_ONETIME)
			memcpy(s->one[s->n++], r, REC);
	}
	if (newlast != NULL) {
		if (s->has_last) {
			memcpy(s->prev, s->last, REC);
			s->has_prev = not_after(s->prev) > now;
		}
		memcpy(s->last, newlast, REC);
		s->has_last = 1;
	}
	return 0;
}

int
prekeyset_take(struct prekeyset *s, uint64_t now, int last_only,
    unsigned char last[RUNE2_PREKEY_LEN], unsigned char one[RUNE2_PREKEY_LEN],
    int *has_one)
{
	*has_one = 0;
	drop_expired(s, now);
	if (!s->has_last || not_after(s->last) <= now)
		return 418;
	memcpy(last, s->last, REC);
	if (last_only || s->n == 0)
		return 0;
	memcpy(one, s->one[0], REC);
	memmove(s->one[0], s->one[1], (s->n - 1) * REC);
	s->n--;
	*has_one = 1;
	return 0;
}

void
prekeyset_count(struct prekeyset const *s, uint64_t now, size_t *n,
    uint64_t *last_not_after)
{
	size_t i;

	*n = 0;
	for (i = 0; i < s->n; i++)
		if (not_after(s->one[i]) > now)
			(*n)++;
	*last_not_after = s->has_last && not_after(s->last) > now ?
	    not_after(s->last) : 0;
}
