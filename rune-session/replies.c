/* replies.c: what the session sends: coded replies (spec section 4),
 * raw octets after a 240, and the replies to a helper's refusal. */
#include <stddef.h>

#include "life.h"
#include "rcode.h"
#include "reply.h"
#include "replies.h"
#include "session.h"
#include "slog.h"

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
	if (rcode_closes(code))
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

/* rune-keys' refusals (rune-keys(8), EXIT STATUS) */
#define KEYS_TAKEN	101
#define KEYS_TOKEN	102
#define KEYS_EXPIRED	103

/* a helper's verdict and the reply it gets; the rest is 451 (style 4) */
static struct {
	int verdict;
	int code;
} const refusals[] = {
	{ KEYS_TAKEN, 403 },
	{ KEYS_TOKEN, 407 },
	{ KEYS_EXPIRED, 408 },
	/* rune-store answers "err CODE": the reply itself (rune-store(8)) */
	{ 404, 404 },
	{ 413, 413 },
	{ 415, 415 },
	{ 416, 416 },
};

void
reply_refusal(struct session *s, int verdict, char const *fail)
{
	size_t i;

	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
		if (refusals[i].verdict == verdict) {
			reply(s, refusals[i].code, rcode_text(refusals[i].code));
			return;
		}
	reply(s, 451, fail);
}
