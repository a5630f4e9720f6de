/* hconn.c: the session's connections to helpers (hconn.h): connect to
 * the daemon or start a helper, read its answers with a deadline; the
 * caller keeps the connection for the session. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "hconn.h"
#include "helper.h"
#include "slog.h"
#include "svc.h"
#include "writeall.h"

/* reads the helper's answer, waiting at most HELPER_DEADLINE_MS */
static long
read_ans(void *ctx, unsigned char *buf, size_t len)
{
	struct hconn *c = ctx;
	struct pollfd p = { .fd = c->out, .events = POLLIN };
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
		r = read(c->out, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

int
hconn_start(struct session *s, struct hconn *c, char const *path,
    char const *const argv[], size_t max, char const *event)
{
	int fd = -1;

	if (c->up)
		return 1;
	if (path) {
		fd = svc_connect(path);
		if (fd < 0 && errno != ENOENT)
			slog(s, "event=%s", event);
	}
	if (fd >= 0) {
		c->in = c->out = fd;
		c->pid = 0;
	} else if (!helper_spawn(s, argv[0], argv, &c->in, &c->out, &c->pid))
		return 0;
	c->up = 1;
	line_init(&c->ans, read_ans, c, max);
	return 1;
}

int
hconn_send(struct hconn *c, char const *req, void const *data, size_t len)
{
	return writeall(c->in, req, strlen(req)) &&
	    (len == 0 || writeall(c->in, data, len));
}

int
hconn_answer(struct hconn *c, char **a, size_t *alen)
{
	return line_get(&c->ans, a, alen) == LINE_OK;
}

void
hconn_stop(struct hconn *c)
{
	if (!c->up)
		return;
	close(c->in);
	if (c->out != c->in)
		close(c->out);
	if (c->pid > 0)
		helper_wait(c->pid, HELPER_DEADLINE_MS);
	c->up = 0;
}
