/* cmd_key.c: KEY and UNREGISTER (spec 10).  A disabled or reserved
 * address is absent for everybody: 404 (doc/decisions.md). */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "cmd.h"
#include "helper.h"
#include "key.h"
#include "lookup.h"
#include "replies.h"
#include "session.h"
#include "slog.h"
#include "store.h"

void
cmd_key(struct session *s, int argc, struct tok const *v)
{
	char text[RUNE_ADDR_MAX + RUNE_KEY_TEXT_LEN + 2];
	struct keyrec r;
	struct addr a;

	(void)argc;
	if (!addr_parse(&a, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	if (!lookup_active(s, &a, &r, "temporary failure"))
		return;
	memcpy(text, a.s, a.len);
	text[a.len] = ' ';
	key_fmt(text + a.len + 1, r.pk);
	reply(s, 250, text);
}

/* what rune-keys wants to believe the client asked (doc/privsep.md):
 * the login proof (b64(n), the server key, b64(signature)) or the
 * receipt of the registration; its length */
static size_t
why(struct session const *s, char *in)
{
	size_t n = 0;

	if (s->unreg == UNREG_RECEIPT) {
		n = strlen(s->receipt);
		memcpy(in, s->receipt, n);
		in[n++] = '\n';
		return n;
	}
	if (s->unreg != UNREG_LOGIN)
		return 0;
	n = b64_encode(in, s->login_n, sizeof s->login_n);
	in[n++] = '\n';
	memcpy(in + n, s->server_pk_text, RUNE_KEY_TEXT_LEN);
	n += RUNE_KEY_TEXT_LEN;
	in[n++] = '\n';
	n += b64_encode(in + n, s->login_sig, sizeof s->login_sig);
	in[n++] = '\n';
	return n;
}

void
cmd_unregister(struct session *s, int argc, struct tok const *v)
{
	char const *argv[] = { "rune-keys", "unregister", s->me.s, NULL };
	char in[B64_LEN(RUNE_NONCE_LEN) + RUNE_KEY_TEXT_LEN +
	    B64_LEN(RUNE_SIG_LEN) + 4];
	size_t n;
	int code;

	(void)argc;
	(void)v;
	n = why(s, in);
	/* the key first: from then on nobody can send to it or log in */
	code = n ? helper_run(s, "rune-keys", argv, in, n) : 111;
	sodium_memzero(in, sizeof in);
	if (code != 0) {
		reply_refusal(s, code, "temporary failure");
		return;
	}
	if (!store_purge(s))
		slog(s, "event=unregister purge=failed");
	slog(s, "event=unregister code=221");
	s->quit = 1;
	reply(s, 221, "bye");
}
