/* store.c: requests to rune-store: one line each, a put followed by its
 * octets; one answer line each ("ok [ID]" or "err CODE text").  The
 * session connects to the rune-store daemon's socket (store/socket) when
 * one is there, else it starts a helper of its own over a pipe pair
 * (doc/design.md, "Process layout").  A helper or connection that fails
 * is dropped; the next request makes another. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "hexid.h"
#include "helper.h"
#include "line.h"
#include "num.h"
#include "session.h"
#include "slog.h"
#include "svc.h"
#include "store.h"
#include "writeall.h"

/* reads rune-store's answer, waiting at most HELPER_DEADLINE_MS */
static long
read_ans(void *ctx, unsigned char *buf, size_t len)
{
	struct session *s = ctx;
	struct pollfd p = { .fd = s->store_out, .events = POLLIN };
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
		r = read(s->store_out, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

void
store_stop(struct session *s)
{
	if (s->store_pid == STORE_NONE)
		return;
	close(s->store_in);
	if (s->store_out != s->store_in)
		close(s->store_out);
	if (s->store_pid > 0)
		helper_wait(s->store_pid, HELPER_DEADLINE_MS);
	s->store_pid = STORE_NONE;
}

/* the daemon's socket: 1 connected, 0 none there or not running */
static int
connect_daemon(struct session *s)
{
	char path[4096];
	int fd;

	if (!mbox_path(path, sizeof path, s->conf.root, MBOX_SOCKET, 0))
		return 0;
	fd = svc_connect(path);
	if (fd < 0) {
		if (errno != ENOENT)
			slog(s, "event=store-daemon-unavailable");
		return 0;
	}
	s->store_in = s->store_out = fd;
	s->store_pid = STORE_SOCKET;
	return 1;
}

static int
start(struct session *s)
{
	char const *argv[] = { "rune-store", NULL };
	pid_t pid;

	if (s->store_pid != STORE_NONE)
		return 1;
	if (!connect_daemon(s)) {
		if (!helper_spawn(s, "rune-store", argv, &s->store_in,
		    &s->store_out, &pid))
			return 0;
		s->store_pid = pid;
	}
	line_init(&s->store_ans, read_ans, s, 128);
	return 1;
}

/* sends req (and data), reads the answer; returns 0 or the error code;
 * an "ok ID" answer fills id when id is not NULL */
static int
ask(struct session *s, char const *req, void const *data, size_t len,
    unsigned char *id)
{
	char *a;
	size_t alen;
	uint64_t code;

	if (!start(s))
		return 451;
	if (!writeall(s->store_in, req, strlen(req)) ||
	    (len && !writeall(s->store_in, data, len)) ||
	    line_get(&s->store_ans, &a, &alen) != LINE_OK)
		goto broken;
	if (alen == 2 && !memcmp(a, "ok", 2) && !id)
		return 0;
	if (id && alen == 3 + RUNE_ID_HEX_LEN && !memcmp(a, "ok ", 3) &&
	    hexid_parse(id, a + 3, RUNE_ID_HEX_LEN))
		return 0;
	if (alen >= 7 && !memcmp(a, "err ", 4) && a[7] == ' ' &&
	    num_parse(&code, a + 4, 3) && code >= 400 && code < 500) {
		if (code == 400 || code == 413) {
			/* a request it refused: it has exited */
			store_stop(s);
			return 451;
		}
		return (int)code;
	}
	if (alen >= 7 && !memcmp(a, "err 451", 7))
		return 451;
broken:
	slog(s, "event=store-failed");
	store_stop(s);
	return 451;
}

int
store_name(struct session *s, struct addr const *a,
    char out[MBOX_NAME_LEN + 1])
{
	int r = mbox_name(s->conf.root, a, out);

	/* no salt yet, or one of the wrong size that an older rune-store
	 * left (a crash): the helper makes or replaces it */
	if (r == 0 || (r < 0 && errno == EPROTO)) {
		if (ask(s, "init\n", NULL, 0, NULL) != 0)
			return 0;
		r = mbox_name(s->conf.root, a, out);
	}
	return r == 1;
}

int
store_put(struct session *s, struct addr const *rcpt, char const *mbox,
    unsigned char const *stored, size_t len,
    unsigned char const id[RUNE_ID_LEN])
{
	char req[16 + RUNE_ADDR_MAX + NUM_FMT_MAX], n[NUM_FMT_MAX];
	unsigned char theirs[RUNE_ID_LEN];
	int code;

	num_fmt(n, len);
	/* the address, not the mailbox: rune-store checks that it is still
	 * active when the message moves in (doc/store.md) */
	snprintf(req, sizeof req, "put %s %s\n", rcpt->s, n);
	code = ask(s, req, stored, len, theirs);
	if (code == 0) {
		/* rune-store computes the id itself: it must be ours; if not,
		 * what it stored is not what we sent: remove it */
		if (crypto_verify_32(id, theirs) == 0)
			return 0;
		slog(s, "event=store-id-mismatch");
		id = theirs;
	} else if (s->store_pid != STORE_NONE)
		return code;
	/* or the helper died without an answer: it may have renamed the
	 * message into place first.  A fresh helper removes it, so that a
	 * 451 leaves nothing visible (doc/store.md). */
	store_stop(s);
	code = store_del(s, mbox, id);
	if (code != 0 && code != 415)
		slog(s, "event=store-cleanup-failed");
	return 451;
}

int
store_del(struct session *s, char const *mbox,
    unsigned char const id[RUNE_ID_LEN])
{
	char req[16 + MBOX_NAME_LEN + RUNE_ID_HEX_LEN];

	memcpy(req, "del ", 4);
	memcpy(req + 4, mbox, MBOX_NAME_LEN);
	req[4 + MBOX_NAME_LEN] = ' ';
	hexid_fmt(req + 5 + MBOX_NAME_LEN, id);
	memcpy(req + 5 + MBOX_NAME_LEN + RUNE_ID_HEX_LEN, "\n", 2);
	return ask(s, req, NULL, 0, NULL);
}

int
store_purge(struct session *s)
{
	char req[16 + MBOX_NAME_LEN], mbox[MBOX_NAME_LEN + 1];
	int r = mbox_name(s->conf.root, &s->me, mbox);

	if (r == 0)
		return 1;	/* no salt: no mailbox */
	if (r < 0)
		return 0;
	snprintf(req, sizeof req, "purge %s\n", mbox);
	return ask(s, req, NULL, 0, NULL) == 0;
}
