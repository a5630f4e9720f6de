/* cmd_login.c: LOGIN and PROOF (spec 8, 13.18, 13.21, 13.22).  Every
 * address, known or not, gets the same 220 and the same work at PROOF. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "cmd.h"
#include "lookup.h"
#include "proof.h"
#include "replies.h"
#include "session.h"
#include "slog.h"

void
cmd_login(struct session *s, int argc, struct tok const *v)
{
	char text[B64_LEN(RUNE_NONCE_LEN) + RUNE_KEY_TEXT_LEN + 2];
	size_t n;

	(void)argc;
	if (!addr_parse(&s->me, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	randombytes_buf(s->nonce, sizeof s->nonce);
	n = b64_encode(text, s->nonce, sizeof s->nonce);
	text[n] = ' ';
	memcpy(text + n + 1, s->server_pk_text, RUNE_KEY_TEXT_LEN + 1);
	s->state = ST_LOGIN;
	reply(s, 220, text);
}

void
cmd_proof(struct session *s, int argc, struct tok const *v)
{
	unsigned char sig[RUNE_SIG_LEN + 1];
	char text[16 + RUNE_ADDR_MAX];
	struct keyrec r;
	size_t len = 0;
	enum found f;
	int good;

	(void)argc;
	f = lookup(s, &s->me, &r);
	if (f == FOUND_ERROR) {
		sodium_memzero(s->nonce, sizeof s->nonce);
		s->state = ST_NEW;
		reply(s, 451, "temporary failure");
		return;
	}
	if (f != FOUND_ACTIVE)
		memcpy(r.pk, s->server_pk, sizeof r.pk);	/* same work */
	if (!b64_decode(sig, sizeof sig, &len, v[1].s, v[1].len))
		len = 0;
	good = proof_check(sig, len, &s->me, s->server_pk, s->nonce, r.pk) &&
	    f == FOUND_ACTIVE;
	if (good) {	/* rune-keys checks it again for an UNREGISTER */
		memcpy(s->login_n, s->nonce, sizeof s->login_n);
		memcpy(s->login_sig, sig, sizeof s->login_sig);
		s->unreg = UNREG_LOGIN;
	}
	sodium_memzero(s->nonce, sizeof s->nonce);
	if (!good) {
		s->state = ST_NEW;
		slog(s, "event=login code=412");
		reply(s, 412, "authentication failed");
		return;
	}
	s->state = ST_AUTH;
	snprintf(text, sizeof text, "logged in %s", s->me.s);
	if (s->verbose >= 2)
		slog(s, "event=login code=230");
	reply(s, 230, text);
}
