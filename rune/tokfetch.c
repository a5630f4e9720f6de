/* tokfetch.c: the tokens fetched at login on a schedule (doc/protocol-v2.md
 * 2.4, A3, A4; tokens.h): at most one TOKENS batch a day, when fewer
 * than a batch of the current epoch are held; blinded here, the batch's
 * one DLEQ proof checked, finalized and stored one file a token. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "die.h"
#include "frame.h"
#include "num.h"
#include "pin.h"
#include "token.h"
#include "tokens.h"
#include "tokstore.h"
#include "v2.h"

#define DAY 86400ULL

/* the day of the last batch asked for (tokens/fetched): 1 read */
static int
fetched_day(struct home const *h, uint64_t *day)
{
	char line[32];

	if (!home_read_line(h, "tokens/fetched", line, sizeof line))
		return 0;
	return strlen(line) <= 20 && num_parse(day, line, strlen(line));
}

/* what the batch holds while it is made: secret until wiped */
struct batch {
	unsigned char t[VOPRF_BATCH_MAX][RUNE2_TOKEN_T_LEN];
	unsigned char r[VOPRF_BATCH_MAX][VOPRF_SCALAR];
	unsigned char B[VOPRF_BATCH_MAX][VOPRF_ELEM];
	unsigned char Z[VOPRF_BATCH_MAX * VOPRF_ELEM + 1];
	unsigned char proof[VOPRF_PROOF + 1];
	unsigned char x[FRAME2_TOKEN_INPUT_MAX];
	unsigned char y[VOPRF_OUT];
};

/* blinds n fresh tokens of epoch into b; 1 ok, 0 the domain does not
 * fit a token's input */
static int
blind(struct batch *b, size_t n, char const *domain, uint64_t epoch)
{
	size_t i, xlen;

	for (i = 0; i < n; i++)
		do {
			randombytes_buf(b->t[i], sizeof b->t[i]);
			xlen = token_input(b->x, domain, epoch, b->t[i]);
			if (xlen == 0)
				return 0;
			voprf_random_scalar(b->r[i]);
		} while (!voprf_blind(b->B[i], b->r[i], b->x, xlen));
	return 1;
}

/* TOKENS epoch with the n blinded elements of b; the answer checked
 * against pkT, the tokens finalized and stored: the count stored (0:
 * refused, malformed or a bad proof, said on stderr) */
static size_t
run_batch(struct conn *cn, struct batch *b, size_t n, char const *domain,
    uint64_t epoch, unsigned char const pkT[VOPRF_ELEM])
{
	char line[RUNE_LINE_MAX];
	struct tok v[3];
	size_t i, len, xlen;
	int code;

	len = (size_t)snprintf(line, sizeof line, "TOKENS %llu ",
	    (unsigned long long)epoch);
	if (len + B64_LEN(n * VOPRF_ELEM) > sizeof line)
		die(RUNE_EXIT_TEMP, "tokens: a batch of %zu does not fit a "
		    "line", n);
	b64_encode(line + len, &b->B[0][0], n * VOPRF_ELEM);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code != 250) {
		/* 411, 420 (the allowance; an address younger than a
		 * day), 417, 451: none today */
		warn("tokens: %s refused a batch of tokens (%d %.100s); "
		    "none fetched today", cn->hp.name, code,
		    cn->rep.nlines > 0 ? cn->rep.text[cn->rep.nlines - 1] :
		    "");
		return 0;
	}
	if (conn_args(cn, v, 3) != 2 ||
	    !b64_decode(b->Z, sizeof b->Z, &len, v[0].s, v[0].len) ||
	    len != n * VOPRF_ELEM ||
	    !b64_decode(b->proof, sizeof b->proof, &len, v[1].s, v[1].len) ||
	    len != VOPRF_PROOF) {
		warn("tokens: %s answered TOKENS with a malformed 250: the "
		    "batch is dropped; none fetched today", cn->hp.name);
		return 0;
	}
	if (!voprf_verify(pkT, (unsigned char const (*)[VOPRF_ELEM])b->B,
	    (unsigned char const (*)[VOPRF_ELEM])b->Z, n, b->proof)) {
		warn("@@@ tokens: the proof of %s's batch of tokens does not "
		    "verify: the server misbehaved (it may be marking tokens "
		    "to tell who spends them). The batch is dropped and not "
		    "asked for again today; tell the administrator",
		    cn->hp.name);
		return 0;
	}
	for (i = 0; i < n; i++) {
		xlen = token_input(b->x, domain, epoch, b->t[i]);
		if (xlen == 0 || !voprf_finalize(b->y, NULL, b->x, xlen,
		    b->r[i], b->Z + i * VOPRF_ELEM))
			die(RUNE_EXIT_TEMP, "tokens: unable to finalize a "
			    "token");
		tokstore_put(cn->home, epoch, b->t[i], b->y);
	}
	return n;
}

void
tokens_login(struct conn *cn, unsigned char const server_pk[32],
    uint64_t now)
{
	struct home const *h = cn->home;
	unsigned char pkT[VOPRF_ELEM];
	char num[NUM_FMT_MAX];
	struct v2caps cp;
	struct batch *b;
	uint64_t epoch, day, last;
	size_t held;
	int r;

	v2_caps(cn, &cp);
	if (tokens_anonsend_pin(h, &cp.anon) == TOKENS_PIN_NONE)
		return;
	epoch = tokens_epoch(&cp.anon, now);
	tokstore_clean(h, &cp.anon, now);
	if ((r = tokens_key_try(cn, epoch, server_pk, pkT)) < 0)
		return;
	if (r == 0) {
		warn("tokens: %s has no token key for the current epoch "
		    "(417: are both clocks right?); no tokens fetched",
		    cn->hp.name);
		return;
	}
	held = tokstore_held(h, epoch);
	day = now / DAY;
	if (held >= cp.anon.batch ||
	    (fetched_day(h, &last) && last == day))
		return;
	/* the day is recorded first: whatever happens to this batch
	 * (refused, a bad proof, a lost connection), none is asked for
	 * again today */
	num_fmt(num, day);
	home_write_line(h, "tokens", "fetched", num);
	if ((b = sodium_malloc(sizeof *b)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	if (blind(b, (size_t)cp.anon.batch, cp.domain, epoch))
		(void)run_batch(cn, b, (size_t)cp.anon.batch, cp.domain, epoch,
		    pkT);
	else
		warn("tokens: the domain of %s does not fit a token; none "
		    "fetched", cn->hp.name);
	sodium_free(b);		/* wipes t, r, y */
}
