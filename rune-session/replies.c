/* replies.c: what the session sends, and its log lines. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "reply.h"
#include "session.h"

/* codes after which the server closes (spec section 4) */
static int
closes(int code)
{
	return code == 221 || code == 407 || code == 408 || code == 410 ||
	    code == 412 || code == 414 || code == 421;
}

static void
send_line(struct session *s, int code, int more, char const *text)
{
	char buf[RUNE_LINE_MAX + 8];
	size_t n;

	n = reply_fmt(buf, sizeof buf, code, more, text);
	if (n == 0 || !s->io.write(s->io.ctx, buf, n))
		session_fail(s, 0, "write-failed");
}

void
reply(struct session *s, int code, char const *text)
{
	send_line(s, code, 0, text);
	if (code >= 400 && code < 500)
		s->refused++;
	if (closes(code))
		s->closing = 1;
	if (s->verbose >= 2)
		slog(s, "event=reply code=%d", code);
}

void
reply_more(struct session *s, int code, char const *text)
{
	send_line(s, code, 1, text);
}

int
reply_raw(struct session *s, void const *buf, size_t n)
{
	return s->io.write(s->io.ctx, buf, n);
}

void
slog(struct session const *s, char const *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, m;

	n = snprintf(buf, sizeof buf, "rune-session: info: sid=%s ", s->sid);
	if (n < 0)
		return;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof buf - n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n = (size_t)(n + m) >= sizeof buf - 1 ? (int)sizeof buf - 2 : n + m;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}

void
session_fail(struct session *s, int code, char const *why)
{
	if (code) {
		char text[128];

		snprintf(text, sizeof text, "%s", code == 451 ?
		    "temporary failure, nothing stored" :
		    "closing: server failure");
		send_line(s, code, 0, text);
		s->io.flush(s->io.ctx);
	}
	slog(s, "event=fail reason=%s", why);
	register_wipe();
	sodium_memzero(s->server_sk, sizeof s->server_sk);
	sodium_memzero(s->nonce, sizeof s->nonce);
	sodium_memzero(s->token, sizeof s->token);
	_exit(111);
}
