/* cmd_token.c: ANONSEND's commands (doc/protocol-v2.md 2.3-2.5 with A3,
 * A8): TOKENKEY, TOKENS, REDEEM, and SEND in the anonymous state.  The
 * epoch keys, the spent set and the counters belong to the token writer
 * (rune-keys daemon, or `rune-keys prekeys`: rune-keys(8)); the
 * session only forwards to it, on its one connection to rune-keys
 * (keysc.c).  Nothing here logs: REDEEM and an anonymous SEND add no
 * line beyond v1's (2.8). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "b64.h"
#include "clock.h"
#include "conf.h"
#include "helper.h"
#include "key.h"
#include "keytab.h"
#include "keysc.h"
#include "line.h"
#include "num.h"
#include "cmd.h"
#include "replies.h"
#include "session.h"
#include "slog.h"
#include "store.h"
#include "svc.h"
#include "token.h"
#include "writeall.h"

/* the reply to the token writer's refusal code; a code not in
 * passes (R_*) is a 451 */
#define R_400	1u
#define R_404	2u
#define R_417	4u
#define R_418	8u
#define R_420	16u

static void
writer_refusal(struct session *s, int code, unsigned passes,
    char const *text417)
{
	if (code == 400 && (passes & R_400))
		reply(s, 400, "syntax error");
	else if (code == 404 && (passes & R_404))
		reply(s, 404, "no such address");
	else if (code == 417 && (passes & R_417))
		reply(s, 417, text417);
	else if (code == 418 && (passes & R_418))
		reply(s, 418, "no RUNE-2 keys for this address");
	else if (code == 420 && (passes & R_420))
		reply(s, 420, "limit reached");
	else
		reply(s, 451, "temporary failure");
}

/* the epoch now, by the session's clock */
static uint64_t
epoch_now(struct session const *s)
{
	return clock_now() / ((uint64_t)s->conf.anon_epochdays * 86400);
}

static int
epoch_parse(uint64_t *e, struct tok const *t)
{
	return t->len <= 20 && num_parse(e, t->s, t->len);
}

/* E or E - 1 */
static int
epoch_open(struct session const *s, uint64_t e)
{
	uint64_t now = epoch_now(s);

	return e == now || (now > 0 && e == now - 1);
}

void
cmd_tokenkey(struct session *s, int argc, struct tok const *v)
{
	unsigned char pk[VOPRF_ELEM + 1], ksig[RUNE_SIG_LEN];
	char req[40], out[NUM_FMT_MAX + B64_LEN(VOPRF_ELEM) +
	    B64_LEN(RUNE_SIG_LEN) + 4], num[NUM_FMT_MAX], a[RUNE_LINE_MAX];
	size_t len;
	uint64_t e = epoch_now(s);
	int code;

	if (argc == 2 && !epoch_parse(&e, &v[1])) {
		reply(s, 400, "syntax error: epoch");
		return;
	}
	if (!epoch_open(s, e)) {
		reply(s, 417, "unknown token epoch");
		return;
	}
	num_fmt(num, e);
	snprintf(req, sizeof req, "key %s\n", num);
	code = keys_ask(s, KEYS_ANON, req, NULL, 0, a, sizeof a);
	if (code == 0 && (!b64_decode(pk, sizeof pk, &len, a, strlen(a)) ||
	    len != VOPRF_ELEM || !voprf_element_ok(pk)))
		code = 451;
	if (code == 0 && !token_key_sign(ksig, s->conf.domain, e, pk,
	    s->server_sk))
		code = 451;
	if (code == 417) {
		reply(s, 417, "unknown token epoch");
		return;
	}
	if (code != 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	len = (size_t)snprintf(out, sizeof out, "%s ", num);
	len += b64_encode(out + len, pk, VOPRF_ELEM);
	out[len++] = ' ';
	b64_encode(out + len, ksig, sizeof ksig);
	reply(s, 250, out);
}

/* 420 to the TOKENS of an address in its first control/anonwait
 * seconds, saying so */
static void
too_new(struct session *s)
{
	char text[128], n[NUM_FMT_MAX];
	unsigned w = s->conf.anon_wait, h = w % 3600 == 0;

	num_fmt(n, h ? w / 3600 : w);
	snprintf(text, sizeof text, "limit reached: no tokens in a new "
	    "address's first %s %s%s", n, h ? "hour" : "second",
	    (h ? w / 3600 : w) == 1 ? "" : "s");
	reply(s, 420, text);
}

void
cmd_tokens(struct session *s, int argc, struct tok const *v)
{
	unsigned char B[VOPRF_BATCH_MAX * VOPRF_ELEM + 1];
	char req[64 + RUNE_ADDR_MAX], num[NUM_FMT_MAX], n[NUM_FMT_MAX];
	char ans[RUNE_LINE_MAX];
	size_t len;
	uint64_t e;
	int code;

	(void)argc;
	if (!epoch_parse(&e, &v[1])) {
		reply(s, 400, "syntax error: epoch");
		return;
	}
	if (e != epoch_now(s)) {
		reply(s, 417, "unknown token epoch");
		return;
	}
	if (!b64_decode(B, sizeof B, &len, v[2].s, v[2].len) ||
	    len != (size_t)s->conf.anon_batch * VOPRF_ELEM) {
		reply(s, 400, "syntax error: a batch of exactly the "
		    "ANONSEND size wanted");
		return;
	}
	for (size_t i = 0; i < len; i += VOPRF_ELEM)
		if (!voprf_element_ok(B + i)) {
			reply(s, 400, "syntax error: not a valid element");
			return;
		}
	num_fmt(num, e);
	num_fmt(n, s->conf.anon_batch);
	snprintf(req, sizeof req, "issue %s %s %s\n", s->me.s, num, n);
	/* on the connection logged in as the session's address (the
	 * client's proof or the receipt: the writer issues for it only) */
	code = keys_ask(s, KEYS_LOGIN, req, B, len, ans, sizeof ans);
	switch (code) {
	case 0:
		reply(s, 250, ans);
		break;
	case 426:
		/* the writer's "too new" (doc/protocol-v2.md 2.9): 420 */
		too_new(s);
		break;
	default:
		writer_refusal(s, code, R_400 | R_417 | R_420,
		    "unknown token epoch");
	}
}

void
cmd_redeem(struct session *s, int argc, struct tok const *v)
{
	unsigned char tm[64 + 1];
	char req[64 + RUNE_ADDR_MAX + B64_LEN(64)], num[NUM_FMT_MAX];
	char text[16 + RUNE_ADDR_MAX], a[RUNE_LINE_MAX];
	struct addr rcpt;
	size_t len, alen;
	uint64_t e;
	int code;

	(void)argc;
	/* 2.5 step 1: syntax, domain, epoch */
	if (!addr_parse(&rcpt, v[1].s, v[1].len) || !epoch_parse(&e, &v[2]) ||
	    !b64_decode(tm, sizeof tm, &len, v[3].s, v[3].len) || len != 64) {
		reply(s, 400, "syntax error");
		return;
	}
	sodium_memzero(tm, sizeof tm);	/* the writer decodes its own */
	if (!addr_in_domain(&rcpt, s->conf.domain)) {
		reply(s, 402, "wrong domain");
		return;
	}
	if (!epoch_open(s, e)) {
		reply(s, 417, "token invalid");
		return;
	}
	/* no room for another permit: the token stays unspent */
	if (s->npermits >= PERMITS_MAX) {
		reply(s, 420, "limit reached");
		return;
	}
	/* steps 2 to 5 by the token writer */
	num_fmt(num, e);
	snprintf(req, sizeof req, "redeem %s %s %.*s\n", rcpt.s, num,
	    (int)v[3].len, v[3].s);
	code = keys_ask(s, KEYS_ANON, req, NULL, 0, a, sizeof a);
	sodium_memzero(req, sizeof req);
	alen = strlen(a);
	switch (code) {
	case 0:
		if (alen == 0 || alen >= sizeof s->permits[0].receipt ||
		    v[3].len < 44) {
			reply(s, 451, "temporary failure");
			break;
		}
		memset(&s->permits[s->npermits], 0, sizeof s->permits[0]);
		s->permits[s->npermits].rcpt = rcpt;
		s->permits[s->npermits].epoch = e;
		/* b64(t) is the first 43 characters of b64(t || mac) and a
		 * final one for t's last 2 bits: re-encode it */
		if (b64_decode(tm, sizeof tm, &len, v[3].s, v[3].len))
			b64_encode(s->permits[s->npermits].t, tm,
			    RUNE2_TOKEN_T_LEN);
		sodium_memzero(tm, sizeof tm);
		memcpy(s->permits[s->npermits].receipt, a, alen);
		sodium_memzero(a, sizeof a);
		s->npermits++;
		s->state = ST_ANON;
		snprintf(text, sizeof text, "permit %s", rcpt.s);
		reply(s, 250, text);
		break;
	default:
		writer_refusal(s, code, R_400 | R_404 | R_417 | R_418 | R_420,
		    "token invalid");
	}
}

/* SEND in the anonymous state (2.5): an unused permit for the receiver,
 * then a blob2 stored with a zero sender101 */
void
cmd_anon_send(struct session *s, int argc, struct tok const *v)
{
	struct addr rcpt;
	unsigned i;

	if (!addr_parse(&rcpt, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error");
		return;
	}
	for (i = 0; i < s->npermits; i++)
		if (!s->permits[i].sent && s->permits[i].rcpt.len == rcpt.len &&
		    !memcmp(s->permits[i].rcpt.s, rcpt.s, rcpt.len))
			break;
	if (i == s->npermits) {
		reply(s, 411, "no permit for this receiver");
		return;
	}
	if (argc != 4 || v[3].len != 1 || v[3].s[0] != '2') {
		reply(s, 400, "anonymous session: SEND <address> <size> 2");
		return;
	}
	if (send_message(s, argc, v, NULL))
		s->permits[i].sent = 1;
}

/* PREKEY in the anonymous state: one per permit, through the token
 * writer's receipt of the REDEEM ("take-permit", rune-keys(8)); answered
 * as PREKEY is (cmd_prekey.c), with no log line */
void
cmd_anon_prekey(struct session *s, int argc, struct tok const *v)
{
	char req[64 + RUNE_ADDR_MAX + 96], num[NUM_FMT_MAX], a[RUNE_LINE_MAX];
	char text[RUNE_ADDR_MAX + RUNE_KEY_TEXT_LEN + RUNE_LINE_MAX];
	struct permit *p = NULL;
	struct keyrec r;
	struct addr rcpt;
	size_t alen, n;
	unsigned i;
	int code;

	(void)argc;
	if (!addr_parse(&rcpt, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	for (i = 0; i < s->npermits; i++)
		if (!s->permits[i].prekey_used &&
		    s->permits[i].rcpt.len == rcpt.len &&
		    !memcmp(s->permits[i].rcpt.s, rcpt.s, rcpt.len)) {
			p = &s->permits[i];
			break;
		}
	if (p == NULL) {
		/* a permit for rcpt whose one PREKEY is used: 420 (PK-N4);
		 * none at all: 411 */
		for (i = 0; i < s->npermits; i++)
			if (s->permits[i].rcpt.len == rcpt.len &&
			    !memcmp(s->permits[i].rcpt.s, rcpt.s, rcpt.len)) {
				reply(s, 420, "the permit's PREKEY is used");
				return;
			}
		reply(s, 411, "no permit for this receiver");
		return;
	}
	if (keytab_lookup(s->conf.root, &rcpt, &r) != 1 ||
	    r.state != KEYTAB_ACTIVE) {
		reply(s, 404, "no such address");
		return;
	}
	p->prekey_used = 1;
	num_fmt(num, p->epoch);
	snprintf(req, sizeof req, "take-permit %s %s %s %s\n", rcpt.s, num,
	    p->t, p->receipt);
	code = keys_ask(s, KEYS_ANON, req, NULL, 0, a, sizeof a);
	alen = strlen(a);
	switch (code) {
	case 0:
		memcpy(text, rcpt.s, rcpt.len);
		n = rcpt.len;
		text[n++] = ' ';
		key_fmt(text + n, r.pk);
		n += RUNE_KEY_TEXT_LEN;
		text[n++] = ' ';
		if (alen >= sizeof text - n) {
			reply(s, 451, "temporary failure");
			return;
		}
		memcpy(text + n, a, alen);
		text[n + alen] = 0;
		reply(s, 250, text);
		break;
	default:
		writer_refusal(s, code, R_404 | R_418, NULL);
	}
}
