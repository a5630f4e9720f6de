/* cmd_prekey.c: the commands of the PREKEYS extension
 * (doc/protocol-v2.md 1.5, 3.2), listed only when control/prekeys is
 * not 0: PREKEYS (upload and count), PREKEY (fetch) and SENDERCERT.
 * The records are kept by rune-keys (prekeys.c); the session writes
 * nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "clock.h"
#include "cmd.h"
#include "deadline.h"
#include "key.h"
#include "lookup.h"
#include "num.h"
#include "keysc.h"
#include "replies.h"
#include "scert.h"
#include "session.h"
#include "slog.h"

/* what rune-keys answers a take: two records in b64 and a space */
#define ANS_TEXT	(2 * B64_LEN(RUNE2_PREKEY_LEN) + 2)

static void
refuse(struct session *s, int code)
{
	switch (code) {
	case 404: reply(s, 404, "no such address"); break;
	case 409: reply(s, 409, "invalid prekey"); break;
	case 418: reply(s, 418, "no RUNE-2 keys for this address"); break;
	case 420: reply(s, 420, "limit reached"); break;
	default: reply(s, 451, "temporary failure"); break;
	}
}

/* PREKEYS <n>: n = 0 counts; 1 <= n <= maxopk + 1 uploads n records,
 * all or nothing */
void
cmd_prekeys(struct session *s, int argc, struct tok const *v)
{
	char req[16 + NUM_FMT_MAX], ans[128], text[16 + NUM_FMT_MAX];
	char num[NUM_FMT_MAX];
	unsigned char *recs;
	uint64_t n;
	size_t len;
	int r, code;

	(void)argc;
	if (!num_parse(&n, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error");
		return;
	}
	if (n == 0) {
		code = keys_ask(s, KEYS_LOGIN, "count\n", NULL, 0, ans,
		    sizeof ans);
		slog(s, "event=prekeys n=0 code=%d", code ? code : 250);
		if (code)
			refuse(s, code);
		else
			reply(s, 250, ans);
		return;
	}
	if (n > (uint64_t)s->conf.prekeys + 1) {
		slog(s, "event=prekeys code=420");
		reply(s, 420, "limit reached");
		return;
	}
	len = (size_t)n * RUNE2_PREKEY_LEN;
	recs = malloc(len);
	if (recs == NULL) {
		reply(s, 451, "temporary failure");
		return;
	}
	num_fmt(num, len);
	snprintf(text, sizeof text, "send %s octets", num);
	reply(s, 340, text);
	r = deadline_read_exact(s, recs, len);
	if (r != 1) {
		free(recs);
		if (r < 0) {
			deadline_timeout(s);
			return;
		}
		s->closing = 1;
		s->endreason = "short-send";
		return;
	}
	num_fmt(num, n);
	snprintf(req, sizeof req, "upload %s\n", num);
	code = keys_ask(s, KEYS_LOGIN, req, recs, len, ans, sizeof ans);
	free(recs);
	slog(s, "event=prekeys code=%d", code ? code : 250);
	if (code)
		refuse(s, code);
	else
		reply(s, 250, ans);
}

/* PREKEY <address>: its key, its last-resort record and, while there
 * are some and no limit is reached, a one-time record, removed by
 * rune-keys before this reply */
void
cmd_prekey(struct session *s, int argc, struct tok const *v)
{
	char req[16 + RUNE_ADDR_MAX], ans[ANS_TEXT];
	char text[RUNE_ADDR_MAX + RUNE_KEY_TEXT_LEN + ANS_TEXT + 4];
	struct keyrec r;
	struct addr a;
	size_t n;
	int code;

	/* the anonymous state: on a permit, and no log line (cmd_token.c) */
	if (s->state == ST_ANON) {
		cmd_anon_prekey(s, argc, v);
		return;
	}
	if (!addr_parse(&a, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	if (!lookup_active(s, &a, &r, "temporary failure"))
		return;
	snprintf(req, sizeof req, "take %s\n", a.s);
	code = keys_ask(s, KEYS_LOGIN, req, NULL, 0, ans, sizeof ans);
	slog(s, "event=prekey code=%d", code ? code : 250);
	if (code) {
		refuse(s, code);
		return;
	}
	memcpy(text, a.s, a.len);
	n = a.len;
	text[n++] = ' ';
	key_fmt(text + n, r.pk);
	n += RUNE_KEY_TEXT_LEN;
	text[n++] = ' ';
	memcpy(text + n, ans, strlen(ans) + 1);
	reply(s, 250, text);
}

/* SENDERCERT: the server's certificate of the session's own key, for
 * RUNE2_SCERT_SECONDS (A9); a disabled address never gets here (the
 * session ends with 421 first, proto.c) */
void
cmd_sendercert(struct session *s, int argc, struct tok const *v)
{
	unsigned char out[RUNE2_SCERT_LEN];
	char text[B64_LEN(RUNE2_SCERT_LEN)];
	struct keyrec r;
	struct scert c;

	(void)argc;
	(void)v;
	if (lookup_find(s, &s->me, &r) != FOUND_ACTIVE) {
		reply(s, 451, "temporary failure");
		return;
	}
	memset(&c, 0, sizeof c);
	c.sender = s->me;
	memcpy(c.spk, r.pk, RUNE_PK_LEN);
	c.not_after = clock_now() + RUNE2_SCERT_SECONDS;
	if (!scert_make(out, &c, s->conf.domain, s->server_sk)) {
		reply(s, 451, "temporary failure");
		return;
	}
	b64_encode(text, out, sizeof out);
	slog(s, "event=sendercert code=250");
	reply(s, 250, text);
}
