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
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "b64.h"
#include "helper.h"
#include "line.h"
#include "num.h"
#include "prekeys.h"
#include "session.h"
#include "slog.h"
#include "svc.h"
#include "writeall.h"

#define ANS_MAX	512	/* an answer line with its LF */

static struct {
	int up;			/* connected or started */
	int in, out;		/* its stdin, its stdout (one fd: socket) */
	pid_t pid;		/* the helper, or 0 for the daemon */
	struct line ans;
} w;

static long
read_ans(void *ctx, unsigned char *buf, size_t len)
{
	struct pollfd p = { .fd = w.out, .events = POLLIN };
	ssize_t r;
	int n;

	(void)ctx;
	do
		n = poll(&p, 1, HELPER_DEADLINE_MS);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		errno = n == 0 ? ETIMEDOUT : errno;
		return -1;
	}
	do
		r = read(w.out, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

void
prekeys_stop(void)
{
	if (!w.up)
		return;
	close(w.in);
	if (w.out != w.in)
		close(w.out);
	if (w.pid > 0)
		helper_wait(w.pid, HELPER_DEADLINE_MS);
	w.up = 0;
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
	int fd, ok;

	if (w.up)
		return 1;
	conf_path(path, sizeof path, &s->conf, "keys/socket");
	fd = svc_connect(path);
	if (fd >= 0) {
		w.in = w.out = fd;
		w.pid = 0;
	} else {
		if (errno != ENOENT)
			slog(s, "event=keys-daemon-unavailable");
		if (!helper_spawn(s, "rune-keys", argv, &w.in, &w.out, &w.pid))
			return 0;
	}
	w.up = 1;
	line_init(&w.ans, read_ans, NULL, ANS_MAX);
	n = login_line(s, req, sizeof req);
	ok = n > 0 && writeall(w.in, req, n) &&
	    line_get(&w.ans, &a, &alen) == LINE_OK && alen == 2 &&
	    !memcmp(a, "ok", 2);
	sodium_memzero(req, sizeof req);
	if (!ok) {
		slog(s, "event=keys-login-failed");
		prekeys_stop();
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
	if (!writeall(w.in, req, strlen(req)) ||
	    (len && !writeall(w.in, data, len)) ||
	    line_get(&w.ans, &a, &alen) != LINE_OK)
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
	prekeys_stop();
	return 451;
}

int
prekeys_ask(struct session *s, char const *req, void const *data,
    size_t len, char *ans, size_t max)
{
	int code = ask(s, req, data, len, ans, max);

	if (w.up && w.pid == 0)
		prekeys_stop();		/* the daemon's worker is free again */
	return code;
}
