/* tokc.c: the session's connection to the token writer (rune-keys
 * daemon on keys/socket, one connection a request, or an exec of
 * rune-keys prekeys when no daemon runs): a request out, one answer
 * line back. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "helper.h"
#include "line.h"
#include "num.h"
#include "rune.h"
#include "session.h"
#include "slog.h"
#include "store.h"
#include "svc.h"
#include "tokc.h"
#include "writeall.h"

/* rune-keys daemon's socket: the token writer's requests and the
 * prekey protocol on one (rune-keys/tokserve.c) */
#define KEYS_SOCKET	"keys/socket"

static struct line tok_ans;

static long
read_ans(void *ctx, unsigned char *buf, size_t len)
{
	struct session *s = ctx;
	struct pollfd p = { .fd = s->tok_out, .events = POLLIN };
	ssize_t r;
	int w;

	do
		w = poll(&p, 1, HELPER_DEADLINE_MS);
	while (w < 0 && errno == EINTR);
	if (w <= 0) {
		errno = w == 0 ? ETIMEDOUT : errno;
		return -1;
	}
	do
		r = read(s->tok_out, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

void
tokc_stop(struct session *s)
{
	if (s->tok_pid == STORE_NONE)
		return;
	close(s->tok_in);
	if (s->tok_out != s->tok_in)
		close(s->tok_out);
	if (s->tok_pid > 0)
		helper_wait(s->tok_pid, HELPER_DEADLINE_MS);
	s->tok_pid = STORE_NONE;
}

static int
tokc_start(struct session *s)
{
	char const *argv[] = { "rune-keys", "prekeys", NULL };
	char path[1200];
	pid_t pid;
	int fd;

	if (s->tok_pid != STORE_NONE)
		return 1;
	conf_path(path, sizeof path, &s->conf, KEYS_SOCKET);
	fd = svc_connect(path);
	if (fd >= 0) {
		s->tok_in = s->tok_out = fd;
		s->tok_pid = STORE_SOCKET;
	} else {
		if (errno != ENOENT)
			slog(s, "event=keys-daemon-unavailable");
		if (!helper_spawn(s, "rune-keys", argv, &s->tok_in,
		    &s->tok_out, &pid))
			return 0;
		s->tok_pid = pid;
	}
	line_init(&tok_ans, read_ans, s, RUNE_LINE_MAX);
	return 1;
}

/* a daemon's worker is not held while the client thinks: one
 * connection a request (the answer, read by the caller, stays in
 * tok_ans's buffer) */
static void
done(struct session *s)
{
	if (s->tok_pid == STORE_SOCKET)
		tokc_stop(s);
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
	if (!writeall(s->tok_in, req, strlen(req)) ||
	    (len && !writeall(s->tok_in, data, len)) ||
	    line_get(&tok_ans, &a, &n) != LINE_OK)
		goto broken;
	if (n >= 2 && !memcmp(a, "ok", 2) && (n == 2 || a[2] == ' ')) {
		*ans = a + (n == 2 ? 2 : 3);
		*alen = n == 2 ? 0 : n - 3;
		done(s);
		return 0;
	}
	if (n >= 8 && !memcmp(a, "err ", 4) && a[7] == ' ' &&
	    num_parse(&code, a + 4, 3) && code >= 400 && code < 500) {
		if (code == 400)	/* it refused the stream: it has ended */
			tokc_stop(s);
		done(s);
		return (int)code;
	}
broken:
	slog(s, "event=tokens-failed");
	tokc_stop(s);
	return 451;
}

