/* cmd_register.c: REGISTER, REGISTER_INVITATION and the challenge
 * (spec 7.1-7.3, 13.17-13.20).  The table is written by rune-keys. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "b64.h"
#include "chal.h"
#include "clock.h"
#include "cmd.h"
#include "helper.h"
#include "key.h"
#include "keytab.h"
#include "lookup.h"
#include "replies.h"
#include "session.h"
#include "slog.h"

/* 7.1 step 2 after the address parsed: 1 go on, 0 replied */
static int
check_address_and_key(struct session *s, struct addr const *a,
    struct tok const *key)
{
	struct keyrec r;
	enum found f = lookup(s, a, &r);

	if (f == FOUND_ACTIVE || f == FOUND_INACTIVE) {
		reply(s, 403, "address not available");
		return 0;
	}
	if (f != FOUND_NONE) {
		lookup_refuse(s, f, "temporary failure");
		return 0;
	}
	if (!key_parse(s->peer_pk, key->s, key->len)) {
		reply(s, 409, "invalid public key");
		return 0;
	}
	return 1;
}

static void
challenge(struct session *s, struct addr const *a)
{
	char text[CHAL_TEXT_MAX + RUNE_KEY_TEXT_LEN + 2];
	size_t n;

	randombytes_buf(s->nonce, sizeof s->nonce);
	if (!chal_make(&s->chal, s->nonce, a, s->peer_pk, s->server_sk)) {
		sodium_memzero(s->nonce, sizeof s->nonce);
		sodium_memzero(s->token, sizeof s->token);
		s->tokenlen = 0;
		reply(s, 451, "temporary failure");
		return;
	}
	n = chal_text(text, &s->chal);
	text[n] = ' ';
	memcpy(text + n + 1, s->server_pk_text, RUNE_KEY_TEXT_LEN + 1);
	s->me = *a;
	s->state = ST_CHALLENGE;
	reply(s, 205, text);
}

void
cmd_register(struct session *s, int argc, struct tok const *v)
{
	struct addr a;

	(void)argc;
	if (!s->conf.reg_free) {
		reply(s, 405, "free registration not available");
		return;
	}
	if (!addr_parse(&a, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	if (!check_address_and_key(s, &a, &v[2]))
		return;
	s->tokenlen = 0;
	challenge(s, &a);
}

/* has rune-keys record that the token of a has expired (by its own
 * clock), so that setting the clock back does not revive it; a failure
 * changes nothing the client sees */
static void
expire_token(struct session *s, struct addr const *a)
{
	char const *argv[] = { "rune-keys", "expire", a->s, NULL };

	if (helper_run(s, "rune-keys", argv, "", 0) != 0)
		slog(s, "event=fail reason=token-expire");
}

void
cmd_register_invitation(struct session *s, int argc, struct tok const *v)
{
	struct tokrec t;
	struct addr a;
	int found, bound;

	(void)argc;
	if (!s->conf.reg_invite) {
		reply(s, 406, "invitation registration not available");
		return;
	}
	/* the token first (13.20): unknown, used, revoked or bound to
	 * another address is 407, expired 408; both close */
	found = v[2].len < sizeof s->token ?
	    keytab_token(s->conf.root, v[2].s, v[2].len, &t) : 0;
	if (found < 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	bound = found && addr_parse(&a, v[1].s, v[1].len) &&
	    a.len == t.addr.len && !memcmp(a.s, t.addr.s, a.len);
	if (!bound || (t.state != KEYTAB_VALID && t.state != KEYTAB_EXPIRED)) {
		reply(s, 407, "invitation token invalid");
		return;
	}
	if (t.state == KEYTAB_EXPIRED || t.expires <= clock_now()) {
		if (t.state == KEYTAB_VALID)
			expire_token(s, &a);
		reply(s, 408, "invitation token expired");
		return;
	}
	if (!check_address_and_key(s, &a, &v[3]))
		return;
	memcpy(s->token, v[2].s, v[2].len);
	s->tokenlen = v[2].len;
	challenge(s, &a);
}

/* rune-keys records the address (and uses the token) under its lock */
static int
record(struct session *s)
{
	char in[sizeof s->token + RUNE_KEY_TEXT_LEN + 4];
	char const *argv[] = { "rune-keys", "register", s->me.s, NULL };
	size_t n = 0;
	int code;

	if (s->tokenlen) {
		argv[1] = "register-invite";
		memcpy(in, s->token, s->tokenlen);
		n = s->tokenlen;
		in[n++] = '\n';
	}
	key_fmt(in + n, s->peer_pk);
	n += RUNE_KEY_TEXT_LEN;
	in[n++] = '\n';
	/* on success rune-keys prints the receipt of the registration,
	 * which an UNREGISTER in this session shows it (doc/privsep.md) */
	code = helper_run_out(s, "rune-keys", argv, in, n, s->receipt,
	    sizeof s->receipt);
	sodium_memzero(in, sizeof in);
	if (code == 0)
		s->unreg = UNREG_RECEIPT;
	return code;
}

void
cmd_challenge_accepted(struct session *s, int argc, struct tok const *v)
{
	unsigned char ans[CHAL_ANSWER_LEN + 1];
	char text[16 + RUNE_ADDR_MAX];
	size_t len;
	int good, code;

	(void)argc;
	good = b64_decode(ans, sizeof ans, &len, v[1].s, v[1].len) &&
	    chal_check(&s->chal, ans, len, s->server_sk);
	chal_wipe(&s->chal);
	sodium_memzero(s->nonce, sizeof s->nonce);
	sodium_memzero(ans, sizeof ans);
	s->state = ST_NEW;
	if (!good) {
		sodium_memzero(s->token, sizeof s->token);
		reply(s, 410, "registration challenge failed");
		return;
	}
	code = record(s);
	if (code == 0) {
		s->state = ST_AUTH;
		snprintf(text, sizeof text, "registered %s", s->me.s);
		slog(s, "event=register code=210");
		reply(s, 210, text);
	} else
		reply_refusal(s, code, "temporary failure");
	sodium_memzero(s->token, sizeof s->token);
	s->tokenlen = 0;
}
