/* prekeys.c: requests to the writer of the prekey records: one line
 * each (a login first, binding the connection to the session's address
 * by the client's login proof or the registration receipt, which
 * rune-keys checks against the key table), one answer line each ("ok
 * ..." or "err CODE text").  The session connects to rune-keys daemon's
 * socket (keys/socket) when one is there, for one request (a worker
 * serves one connection at a time: a session that kept one would hold a
 * worker while its client thinks), else it starts rune-keys prekeys over
 * a pipe pair, kept for the session.  A writer that fails is dropped;
 * the next request makes another. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "hconn.h"
#include "num.h"
#include "prekeys.h"
#include "cmd.h"
#include "replies.h"
#include "session.h"
#include "slog.h"

#define ANS_MAX	1024	/* an answer line with its LF (TOKENS' is the
				 * longest: cmd_token.c) */

void
prekeys_stop(struct session *s)
{
	hconn_stop(&s->pk);
}

/* the login line of the session's address into out; its length, 0 when
 * the session holds no proof */
static size_t
login_line(struct session const *s, char *out, size_t max)
{
	char n[B64_LEN(RUNE_NONCE_LEN)], sig[B64_LEN(RUNE_SIG_LEN)];
	int k;

	if (s->unreg == UNREG_RECEIPT)
		k = snprintf(out, max, "login %s %s\n", s->me.s, s->receipt);
	else if (s->unreg == UNREG_LOGIN) {
		b64_encode(n, s->login_n, sizeof s->login_n);
		b64_encode(sig, s->login_sig, sizeof s->login_sig);
		k = snprintf(out, max, "login %s %s %s %s\n", s->me.s, n,
		    s->server_pk_text, sig);
	} else
		return 0;
	return k > 0 && (size_t)k < max ? (size_t)k : 0;
}

/* connects or starts the writer and logs in; 1 done */
static int
start(struct session *s)
{
	char const *argv[] = { "rune-keys", "prekeys", NULL };
	char path[1200], req[ANS_MAX], *a;
	size_t n, alen;
	int ok;

	if (s->pk.up)
		return 1;
	conf_path(path, sizeof path, &s->conf, KEYS_SOCKET);
	if (!hconn_start(s, &s->pk, path, argv, ANS_MAX,
	    "keys-daemon-unavailable"))
		return 0;
	n = login_line(s, req, sizeof req);
	ok = n > 0 && hconn_send(&s->pk, req, NULL, 0) &&
	    hconn_answer(&s->pk, &a, &alen) && alen == 2 &&
	    !memcmp(a, "ok", 2);
	sodium_memzero(req, sizeof req);
	if (!ok) {
		slog(s, "event=keys-login-failed");
		prekeys_stop(s);
	}
	return ok;
}

static int
ask(struct session *s, char const *req, void const *data, size_t len,
    char *ans, size_t max)
{
	char *a;
	size_t alen;
	uint64_t code;

	ans[0] = 0;
	if (!start(s))
		return 451;
	if (!hconn_send(&s->pk, req, data, len) ||
	    !hconn_answer(&s->pk, &a, &alen))
		goto broken;
	if (alen >= 2 && !memcmp(a, "ok", 2) && (alen == 2 || a[2] == ' ')) {
		if (alen > 2 && alen - 3 >= max)
			goto broken;
		if (alen > 2)
			memcpy(ans, a + 3, alen - 3 + 1);
		return 0;
	}
	if (alen >= 8 && !memcmp(a, "err ", 4) && a[7] == ' ' &&
	    num_parse(&code, a + 4, 3) && (code == 404 || code == 409 ||
	    code == 418 || code == 420))
		return (int)code;
	if (alen >= 7 && !memcmp(a, "err 451", 7))
		return 451;
broken:
	/* a refusal it ends the stream after, or no answer */
	slog(s, "event=keys-failed");
	prekeys_stop(s);
	return 451;
}

int
prekeys_ask(struct session *s, char const *req, void const *data,
    size_t len, char *ans, size_t max)
{
	int code = ask(s, req, data, len, ans, max);

	hconn_done(&s->pk);
	return code;
}
