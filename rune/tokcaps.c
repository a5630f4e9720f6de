/* tokcaps.c: the ANONSEND line of CAPABILITIES, its pin (doc/protocol-v2.md
 * 1.1, 2.7 C3) and the epoch it names (2.3), as tokens.h says. */
#include <stdio.h>
#include <string.h>

#include "die.h"
#include "num.h"
#include "tok.h"
#include "tokens.h"

#define DAY 86400ULL
/* bounds this client accepts: a batch the VOPRF's batch bound allows
 * (A3), an allowance and an epoch length that are plausible (and an
 * epoch length whose seconds fit easily in 64 bits) */
#define PERDAY_MAX	1000
#define EPOCHDAYS_MAX	3660

static int
num(uint64_t *n, struct tok const *t, uint64_t max)
{
	return t->len <= 20 && num_parse(n, t->s, t->len) && *n >= 1 &&
	    *n <= max;
}

int
tokens_caps_line(struct anoncaps *ac, char const *s, size_t len)
{
	struct tok v[5];
	uint64_t b, p, e;
	int k;

	k = tok_split(v, 5, s, len);
	if (k < 1)
		return 1;
	if (tok_is(&v[0], "NOIDSEND")) {
		/* a word with arguments is some other extension's line */
		if (k == 1)
			ac->noidsend = 1;
		return 1;
	}
	if (!tok_is(&v[0], "ANONSEND"))
		return 1;
	/* a second ANONSEND line, or one this client cannot use */
	if (ac->batch != 0 || k != 4 || !num(&b, &v[1], VOPRF_BATCH_MAX) ||
	    !num(&p, &v[2], PERDAY_MAX) || !num(&e, &v[3], EPOCHDAYS_MAX))
		return 0;
	ac->batch = b;
	ac->perday = p;
	ac->epochdays = e;
	return 1;
}

/* "ANONSEND b p e" of ac into line[max] */
static void
line_of(char *line, size_t max, struct anoncaps const *ac)
{
	snprintf(line, max, "ANONSEND %llu %llu %llu",
	    (unsigned long long)ac->batch, (unsigned long long)ac->perday,
	    (unsigned long long)ac->epochdays);
}

enum tokens_pin
tokens_anonsend_pin(struct home const *h, struct anoncaps const *ac)
{
	struct anoncaps pinned;
	char line[80], now[80];

	if (!home_read_line(h, "tokens/anonsend", line, sizeof line)) {
		if (ac->batch == 0)
			return TOKENS_PIN_NONE;
		line_of(now, sizeof now, ac);
		home_write_line(h, "tokens", "anonsend", now);
		return TOKENS_PIN_NEW;
	}
	memset(&pinned, 0, sizeof pinned);
	if (!tokens_caps_line(&pinned, line, strlen(line)) ||
	    pinned.batch == 0)
		die(RUNE_EXIT_PERM, "the pinned ANONSEND line in %s/tokens/"
		    "anonsend is damaged; remove it with: rune pin --replace "
		    "server-anonsend", h->dir);
	if (ac->batch == 0)
		die(RUNE_EXIT_PERM, "@@@ WARNING: THE SERVER NO LONGER OFFERS "
		    "ANONSEND (anonymous sending), which it did before "
		    "(pinned: %s): someone may be downgrading the connection, "
		    "or its administrator turned anonymous sending off. "
		    "Stopped. Ask the administrator; to accept it, re-pin "
		    "with: rune pin --replace server-anonsend", line);
	if (ac->batch != pinned.batch || ac->perday != pinned.perday ||
	    ac->epochdays != pinned.epochdays) {
		line_of(now, sizeof now, ac);
		die(RUNE_EXIT_PERM, "@@@ WARNING: THE SERVER'S ANONSEND LINE "
		    "CHANGED (pinned: %s; now: %s): someone may be tampering "
		    "with the connection, or its administrator changed the "
		    "token allowance. Stopped. Ask the administrator; to "
		    "accept it, re-pin with: rune pin --replace "
		    "server-anonsend", line, now);
	}
	return TOKENS_PIN_SAME;
}

uint64_t
tokens_epoch(struct anoncaps const *ac, uint64_t t)
{
	if (ac->epochdays == 0)
		return 0;
	return t / (ac->epochdays * DAY);
}
