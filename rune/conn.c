/* conn.c: a session with a server, as conn.h says. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "conn.h"
#include "die.h"
#include "fpr.h"
#include "net.h"
#include "pin.h"
#include "replycode.h"
#include "tls.h"

#define GREETING "HOWDY"
#define GREETING_LEN 5

/* reports a failed read or a bad reply, and exits 111 */
static _Noreturn void
read_failed(struct conn *c, int r, char const *what)
{
	if (r == 0)
		die(RUNE_EXIT_TEMP, "%s: malformed %s from %s%s%s", c->hp.name,
		    what, c->hp.name, c->rep.why ? ": " : "",
		    c->rep.why ? c->rep.why : "");
	if (errno == ETIMEDOUT)
		die(RUNE_EXIT_TEMP, "%s: no complete %s within %u s (%s)",
		    c->hp.name, what, c->timeout, tls_why(c->tls));
	die(RUNE_EXIT_TEMP, "%s: connection lost waiting for the %s (%s)",
	    c->hp.name, what, tls_why(c->tls));
}

static void
greeting(struct conn *c)
{
	char *s;
	size_t len, n;

	switch (line_get(&c->in, &s, &len)) {
	case LINE_OK:
		break;
	case LINE_LONG:
		c->rep.why = "a line too long";
		read_failed(c, 0, "greeting");
	case LINE_EOF:
		errno = 0;
		read_failed(c, -1, "greeting");
	default:
		read_failed(c, -1, "greeting");
	}
	if (!tok_printable(s, len))
		read_failed(c, 0, "greeting");
	if (len >= 4 && s[0] >= '2' && s[0] <= '5' && s[1] >= '0' &&
	    s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && s[3] == ' ')
		die(replycode_exit((s[0] - '0') * 100 + (s[1] - '0') * 10 +
		    (s[2] - '0')), "%s refused the connection: %.200s",
		    c->hp.name, s);
	if (len < GREETING_LEN || memcmp(s, GREETING, GREETING_LEN) != 0 ||
	    (len > GREETING_LEN && s[GREETING_LEN] != ' '))
		die(RUNE_EXIT_TEMP, "%s is not a RUNE server (greeting: %.60s)",
		    c->hp.name, s);
	n = len > GREETING_LEN ? len - GREETING_LEN - 1 : 0;
	memcpy(c->greeting, s + len - n, n);
	c->greeting[n] = '\0';
}

void
conn_open(struct conn *c, struct home const *h, struct hostport const *hp,
    unsigned timeout)
{
	unsigned char pin[RUNE_FPR_LEN], seen[RUNE_FPR_LEN];
	char why[300], what[400], repin[400];
	int fd, pinned;

	memset(c, 0, sizeof *c);
	c->home = h;
	c->hp = *hp;
	c->timeout = timeout;
	pinned = pin_tls_get(h, hp, pin);
	fd = net_connect(hp, timeout, why, sizeof why);
	if (fd < 0)
		die(RUNE_EXIT_TEMP, "%s", why);
	switch (tls_open(&c->tls, fd, hp->ip ? NULL : hp->host,
	    pinned ? pin : NULL, timeout, seen)) {
	case TLS_OK:
		break;
	case TLS_MISMATCH:
		snprintf(what, sizeof what, "TLS KEY OF SERVER %s", hp->name);
		snprintf(repin, sizeof repin,
		    "rune --server %s pin --replace server-tls", hp->name);
		pin_mismatch(what, pin, seen, repin);
	default:
		die(RUNE_EXIT_TEMP, "%s: %s", hp->name, tls_why(c->tls));
	}
	if (!pinned)
		pin_tls_set(h, hp, seen);
	line_init(&c->in, tls_read, c->tls, RUNE_LINE_MAX);
	tls_cap(c->tls, timeout);
	greeting(c);
}

void
conn_send(struct conn *c, char const *text)
{
	char buf[RUNE_LINE_MAX + 1];
	size_t len = strlen(text);

	if (len + 2 > RUNE_LINE_MAX)
		die(RUNE_EXIT_PERM, "command too long for a line");
	memcpy(buf, text, len);
	buf[len++] = '\r';
	buf[len++] = '\n';
	if (!tls_write(c->tls, buf, len))
		die(RUNE_EXIT_TEMP, "%s: %s", c->hp.name, tls_why(c->tls));
	sodium_memzero(buf, sizeof buf);
}

int
conn_reply(struct conn *c)
{
	int r;

	tls_cap(c->tls, c->timeout);	/* the whole reply, not each read */
	r = reply_read(&c->in, &c->rep);

	if (r != 1) {
		if (r < 0 && errno == 0)
			errno = EPIPE;
		read_failed(c, r, "reply");
	}
	return c->rep.code;
}

int
conn_args(struct conn *c, struct tok *v, int max)
{
	char const *s;

	if (c->rep.nlines == 0)
		return 0;
	s = c->rep.text[c->rep.nlines - 1];
	return tok_split(v, max, s, strlen(s));
}

void
conn_fail(struct conn *c, char const *doing)
{
	int code = c->rep.code;
	char text[RUNE_LINE_MAX];

	snprintf(text, sizeof text, "%s", c->rep.nlines > 0 ?
	    c->rep.text[c->rep.nlines - 1] : "");

	fflush(stdout);
	/* a polite end where the reply did not close the session */
	if (code != 221 && code != 407 && code != 408 && code != 410 &&
	    code != 412 && code != 414 && code != 421) {
		static char const quit[] = "QUIT\r\n";

		if (tls_write(c->tls, quit, sizeof quit - 1)) {
			tls_cap(c->tls, c->timeout);
			(void)reply_read(&c->in, &c->rep);
		}
		conn_close(c);
	}
	if (code >= 200 && code < 400)
		die(RUNE_EXIT_TEMP, "%s: unexpected reply from %s: %d %.200s",
		    doing, c->hp.name, code, text);
	die(replycode_exit(code), "%s: %s (%d %.200s)", doing,
	    replycode_text(code), code, text);
}

void
conn_write(struct conn *c, void const *p, size_t n, char const *doing)
{
	if (!tls_write(c->tls, p, n))
		die(RUNE_EXIT_TEMP, "%s: %s: %s", doing, c->hp.name,
		    tls_why(c->tls));
}

int
conn_read_exact(struct conn *c, unsigned char *p, size_t n)
{
	return line_read_exact(&c->in, p, n) == 1;
}

int
conn_line(struct conn *c, char **s, size_t *len)
{
	return line_get(&c->in, s, len);
}

void
conn_cap(struct conn *c, unsigned seconds)
{
	tls_cap(c->tls, seconds);
}

void
conn_cap_more(struct conn *c, unsigned seconds)
{
	tls_cap_more(c->tls, seconds);
}

char const *
conn_why(struct conn const *c)
{
	return tls_why(c->tls);
}

void
conn_fail_line(struct conn *c, char const *s, size_t len, char const *doing)
{
	char t[RUNE_LINE_MAX + 2];

	if (len > RUNE_LINE_MAX)
		len = RUNE_LINE_MAX;
	memcpy(t, s, len);
	memcpy(t + len, "\r\n", 2);
	if (reply_parse(&c->rep, t, len + 2) != 1)
		die(RUNE_EXIT_TEMP, "%s: malformed reply from %s", doing,
		    c->hp.name);
	conn_fail(c, doing);
}

void
conn_quit(struct conn *c)
{
	conn_send(c, "QUIT");
	tls_cap(c->tls, c->timeout);
	if (reply_read(&c->in, &c->rep) != 1 || c->rep.code != 221)
		warn("%s: no 221 after QUIT", c->hp.name);
	conn_close(c);
}

void
conn_close(struct conn *c)
{
	tls_close(c->tls);
	c->tls = NULL;
}
