/* tokserve.c: the token writer's pipe protocol (rune-keys(8), "TOKENS"):
 * one request line on fd 0 (issue: then its octets), one answer line on
 * fd 1.  The caller (the session) is not trusted: every field is checked
 * again here, and the clock, the settings and the key table are this
 * process's own. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "answer.h"
#include "b64.h"
#include "clock.h"
#include "die.h"
#include "line.h"
#include "addr.h"
#include "num.h"
#include "tok.h"
#include "tokens.h"
#include "writeall.h"

static int
epoch_of(uint64_t *e, struct tok const *v)
{
	return v->len <= 20 && strspn(v->s, "0123456789") >= v->len &&
	    num_parse(e, v->s, v->len);
}

/* "key EPOCH" */
static int
key(struct tokd *t, struct tok const *v)
{
	unsigned char sk[VOPRF_SCALAR], pk[VOPRF_ELEM];
	char out[8 + B64_LEN(VOPRF_ELEM)];
	uint64_t e;
	int code;

	if (!epoch_of(&e, &v[1]))
		return 400;
	tokens_clean(t);
	code = tokens_key(t, e, 1, sk, pk);
	sodium_memzero(sk, sizeof sk);
	if (code != 0)
		return code;
	memcpy(out, "ok ", 3);
	b64_encode(out + 3, pk, sizeof pk);
	strcat(out, "\n");
	answer_say(out);
	return 0;
}

/* "issue ADDRESS EPOCH N" and 32 N octets, on a connection logged in
 * as ADDRESS (prekeys.c's login: the client's proof or the receipt) */
static int
issue(struct tokd *t, struct line *in, struct tok const *v,
    struct addr const *me)
{
	unsigned char B[VOPRF_BATCH_MAX][VOPRF_ELEM];
	unsigned char Z[VOPRF_BATCH_MAX][VOPRF_ELEM], proof[VOPRF_PROOF];
	char out[8 + B64_LEN(sizeof Z) + B64_LEN(VOPRF_PROOF)];
	struct addr a;
	uint64_t e, n;
	size_t o;
	int code;

	if (!addr_parse(&a, v[1].s, v[1].len) || !epoch_of(&e, &v[2]) ||
	    !num_parse(&n, v[3].s, v[3].len) || n < 1 ||
	    n > VOPRF_BATCH_MAX)
		return -400;
	/* a session can get tokens for the address it proved only */
	if (me == NULL || me->len != a.len || memcmp(me->s, a.s, a.len))
		return -400;
	if (line_read_exact(in, &B[0][0], (size_t)n * VOPRF_ELEM) != 1)
		return -451;
	code = tokens_issue(t, &a, e, (unsigned char const (*)[VOPRF_ELEM])B,
	    (size_t)n, Z, proof);
	if (code != 0)
		return code;
	memcpy(out, "ok ", 3);
	o = 3 + b64_encode(out + 3, &Z[0][0], (size_t)n * VOPRF_ELEM);
	out[o++] = ' ';
	o += b64_encode(out + o, proof, sizeof proof);
	memcpy(out + o, "\n", 2);
	answer_say(out);
	return 0;
}

/* "redeem ADDRESS EPOCH B64(t || mac)" */
static int
redeem(struct tokd *t, struct tok const *v)
{
	unsigned char tm[64 + 1], pm[TOKENS_PERMIT_LEN];
	char out[8 + B64_LEN(TOKENS_PERMIT_LEN)];
	struct addr a;
	uint64_t e;
	size_t len;
	int code;

	if (!addr_parse(&a, v[1].s, v[1].len) || !epoch_of(&e, &v[2]) ||
	    !b64_decode(tm, sizeof tm, &len, v[3].s, v[3].len) || len != 64)
		return -400;
	code = tokens_redeem(t, &a, e, tm);
	if (code == 0) {
		tokens_permit(t, pm, &a, e, tm);
		memcpy(out, "ok ", 3);
		b64_encode(out + 3, pm, sizeof pm);
		strcat(out, "\n");
		answer_say(out);
		sodium_memzero(pm, sizeof pm);
		sodium_memzero(out, sizeof out);
	}
	sodium_memzero(tm, sizeof tm);
	return code;
}

/* the writer of this process, set up at its first token request */
static struct tokd *
tokd_get(struct conf const *c)
{
	static struct tokd t;
	static int up;

	if (!up && tokens_open(&t, c))
		up = 1;
	return up ? &t : NULL;
}

int
tokens_request(struct conf const *c, struct line *in, struct tok const *v,
    int n, struct addr const *me)
{
	struct tokd *t;
	int code = -400;

	if (n < 1 || !(tok_word(&v[0], "key") || tok_word(&v[0], "issue") ||
	    tok_word(&v[0], "redeem")))
		return 0;
	t = tokd_get(c);
	if (t == NULL)
		code = -451;
	else if (c->anon_batch == 0)
		code = -400;	/* ANONSEND is off: control/ is ours */
	else {
		t->now = clock_now();
		if (n == 2 && tok_word(&v[0], "key"))
			code = key(t, v);
		else if (n == 4 && tok_word(&v[0], "issue"))
			code = issue(t, in, v, me);
		else if (n == 4 && tok_word(&v[0], "redeem"))
			code = redeem(t, v);
	}
	if (code > 0)
		answer_err(code);
	if (code >= 0)
		return 1;
	/* the stream can't be trusted any further */
	warn("refused a token request (%s)", code == -451 ?
	    "short or no token writer" : "malformed");
	answer_err(-code);
	return -1;
}

int
tokens_permit_check(struct conf const *c, struct addr const *rcpt,
    struct tok const *epoch, struct tok const *tb64, struct tok const *pb64)
{
	unsigned char tk[RUNE2_TOKEN_T_LEN + 1], pm[TOKENS_PERMIT_LEN + 1];
	struct tokd *t = tokd_get(c);
	uint64_t e;
	size_t len, plen;
	int code;

	if (t == NULL)
		return 451;
	if (!epoch_of(&e, epoch) ||
	    !b64_decode(tk, sizeof tk, &len, tb64->s, tb64->len) ||
	    len != RUNE2_TOKEN_T_LEN ||
	    !b64_decode(pm, sizeof pm, &plen, pb64->s, pb64->len) ||
	    plen != TOKENS_PERMIT_LEN)
		return 400;
	t->now = clock_now();
	code = tokens_permit_use(t, rcpt, e, tk, pm);
	sodium_memzero(pm, sizeof pm);
	return code;
}
