/* tokc.c: the session's connection to the token writer (rune-keys
 * daemon on keys/socket, one connection a request, or an exec of
 * rune-keys prekeys when no daemon runs): a request out, one answer
 * line back. */
#include <string.h>

#include "conf.h"
#include "hconn.h"
#include "num.h"
#include "rune.h"
#include "session.h"
#include "slog.h"
#include "tokc.h"

void
tokc_stop(struct session *s)
{
	hconn_stop(&s->tok);
}

static int
tokc_start(struct session *s)
{
	char const *argv[] = { "rune-keys", "prekeys", NULL };
	char path[1200];

	conf_path(path, sizeof path, &s->conf, KEYS_SOCKET);
	return hconn_start(s, &s->tok, path, argv, RUNE_LINE_MAX,
	    "keys-daemon-unavailable");
}

/* sends req (and data), reads the answer: 0 and *ans (after "ok", its
 * first space included, or "") on "ok", else the code of "err CODE" or
 * 451 */
int
tokc_ask(struct session *s, char const *req, void const *data, size_t len,
    char **ans, size_t *alen)
{
	uint64_t code;
	char *a;
	size_t n;

	if (!tokc_start(s))
		return 451;
	if (!hconn_send(&s->tok, req, data, len) ||
	    !hconn_answer(&s->tok, &a, &n))
		goto broken;
	if (n >= 2 && !memcmp(a, "ok", 2) && (n == 2 || a[2] == ' ')) {
		*ans = a + (n == 2 ? 2 : 3);
		*alen = n == 2 ? 0 : n - 3;
		hconn_done(&s->tok);
		return 0;
	}
	if (n >= 8 && !memcmp(a, "err ", 4) && a[7] == ' ' &&
	    num_parse(&code, a + 4, 3) && code >= 400 && code < 500) {
		if (code == 400)	/* it refused the stream: it has ended */
			tokc_stop(s);
		hconn_done(&s->tok);
		return (int)code;
	}
broken:
	slog(s, "event=tokens-failed");
	tokc_stop(s);
	return 451;
}

