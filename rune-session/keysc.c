/* keysc.c: the session's one client of rune-keys' protocol (keysc.h):
 * one request line each (and its octets), one answer line each ("ok
 * ..." or "err CODE text").  The connection (rune-keys daemon's socket,
 * keys/socket, when one is there, else a `rune-keys prekeys` started
 * over a pipe pair) is made at the session's first request and kept for
 * the others while the client keeps up (keys_hold_until; proto.c lets
 * it go when the client is slower): a v2 send's TOKENS, PREKEY or REDEEM
 * and PREKEY on its permit cost one connect (or exec) and at most one
 * login check, which binds the connection to the session's address by the
 * client's login proof or the registration receipt (rune-keys checks it
 * against the key table).  The requests of an anonymous session (key,
 * redeem, take-permit) need no login and never send one.  A daemon's
 * worker serves one connection at a time, so a session holds one worker
 * while it uses it, at most KEYS_HOLD_MAX_MS (doc/design.md, "Process
 * layout").  A writer that fails, or ends the
 * stream after a refusal (400, 451), is dropped; the next request makes
 * another, and logs in again. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "clock.h"
#include "conf.h"
#include "hconn.h"
#include "keysc.h"
#include "num.h"
#include "session.h"
#include "slog.h"

void
keys_stop(struct session *s)
{
	hconn_stop(&s->keys);
	s->keys_login = 0;
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

/* connects or starts the writer when there is none; 1 up */
static int
start(struct session *s)
{
	char const *argv[] = { "rune-keys", "prekeys", NULL };
	char path[1200];

	if (s->keys.up)
		return 1;
	s->keys_login = 0;
	s->keys_opened = clock_ms();
	conf_path(path, sizeof path, &s->conf, KEYS_SOCKET);
	return hconn_start(s, &s->keys, path, argv, RUNE_LINE_MAX,
	    "keys-daemon-unavailable");
}

long long
keys_hold_until(struct session const *s)
{
	long long a = s->keys_used + KEYS_HOLD_MS;
	long long b = s->keys_opened + KEYS_HOLD_MAX_MS;

	if (!s->keys.up)
		return 0;
	return a < b ? a : b;
}

/* logs the connection in as the session's address, once; 1 done */
static int
login(struct session *s)
{
	char req[RUNE_LINE_MAX], *a;
	size_t n, alen;
	int ok;

	if (s->keys_login)
		return 1;
	n = login_line(s, req, sizeof req);
	ok = n > 0 && hconn_send(&s->keys, req, NULL, 0) &&
	    hconn_answer(&s->keys, &a, &alen) && alen == 2 &&
	    !memcmp(a, "ok", 2);
	sodium_memzero(req, sizeof req);
	if (!ok) {
		slog(s, "event=keys-login-failed");
		keys_stop(s);
		return 0;
	}
	s->keys_login = 1;
	return 1;
}

int
keys_ask(struct session *s, int need, char const *req, void const *data,
    size_t len, char *ans, size_t max)
{
	char *a;
	size_t alen;
	uint64_t code;

	ans[0] = 0;
	if (!start(s) || (need == KEYS_LOGIN && !login(s)))
		return 451;
	if (!hconn_send(&s->keys, req, data, len) ||
	    !hconn_answer(&s->keys, &a, &alen))
		goto broken;
	s->keys_used = clock_ms();
	if (alen >= 2 && !memcmp(a, "ok", 2) && (alen == 2 || a[2] == ' ')) {
		if (alen > 2 && alen - 3 >= max)
			goto broken;
		if (alen > 2)
			memcpy(ans, a + 3, alen - 3 + 1);
		return 0;
	}
	if (alen >= 8 && !memcmp(a, "err ", 4) && a[7] == ' ' &&
	    num_parse(&code, a + 4, 3) && code >= 400 && code < 500) {
		/* after a 400 or a 451 the writer has ended the stream */
		if (code == 400 || code == 451)
			keys_stop(s);
		return (int)code;
	}
broken:
	/* no answer, or one that is not the protocol's */
	slog(s, "event=keys-failed");
	keys_stop(s);
	return 451;
}
