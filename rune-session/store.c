/* store.c: requests to rune-store: one line each, a put followed by its
 * octets; one answer line each ("ok [ID]" or "err CODE text").  The
 * session connects to the rune-store daemon's socket (store/socket) when
 * one is there, else it starts a helper of its own over a pipe pair
 * (doc/design.md, "Process layout").  A helper or connection that fails
 * is dropped; the next request makes another. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "hexid.h"
#include "hconn.h"
#include "num.h"
#include "session.h"
#include "slog.h"
#include "store.h"
#include "writeall.h"

void
store_stop(struct session *s)
{
	hconn_stop(&s->store);
}

static int
start(struct session *s)
{
	char const *argv[] = { "rune-store", NULL };
	char path[4096];

	return hconn_start(s, &s->store,
	    mbox_path(path, sizeof path, s->conf.root, MBOX_SOCKET, 0) ?
	    path : NULL, argv, 128, "store-daemon-unavailable");
}

struct mem {
	void const *data;
	size_t len;
};

static int
emit_mem(int fd, void *ctx)
{
	struct mem const *m = ctx;

	return m->len == 0 || writeall(fd, m->data, m->len);
}

/* sends req, then what emit writes (when not NULL), reads the answer;
 * returns 0 or the error code; an "ok ID" answer fills id when id is not
 * NULL */
static int
ask_emit(struct session *s, char const *req, int (*emit)(int, void *),
    void *ctx, unsigned char *id)
{
	char *a;
	size_t alen;
	uint64_t code;

	if (!start(s))
		return 451;
	if (!hconn_send(&s->store, req, NULL, 0) ||
	    (emit && !emit(s->store.in, ctx)) ||
	    !hconn_answer(&s->store, &a, &alen))
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

static int
ask(struct session *s, char const *req, unsigned char *id)
{
	return ask_emit(s, req, NULL, NULL, id);
}

int
store_name(struct session *s, struct addr const *a,
    char out[MBOX_NAME_LEN + 1])
{
	int r = mbox_name(s->conf.root, a, out);

	/* no salt yet, or one of the wrong size that an older rune-store
	 * left (a crash): the helper makes or replaces it */
	if (r == 0 || (r < 0 && errno == EPROTO)) {
		if (ask(s, "init\n", NULL) != 0)
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
	struct mem m = { stored, len };

	return store_put_emit(s, rcpt, mbox, len, emit_mem, &m, id);
}

int
store_put_emit(struct session *s, struct addr const *rcpt, char const *mbox,
    uint64_t len, int (*emit)(int, void *), void *ctx,
    unsigned char const *id)
{
	char req[16 + RUNE_ADDR_MAX + NUM_FMT_MAX], n[NUM_FMT_MAX];
	unsigned char theirs[RUNE_ID_LEN];
	int code;

	num_fmt(n, len);
	/* the address, not the mailbox: rune-store checks that it is still
	 * active when the message moves in (doc/store.md) */
	snprintf(req, sizeof req, "put %s %s\n", rcpt->s, n);
	code = ask_emit(s, req, emit, ctx, theirs);
	if (code == 0) {
		/* rune-store computes the id itself: it must be ours; if not,
		 * what it stored is not what we sent: remove it */
		if (crypto_verify_32(id, theirs) == 0)
			return 0;
		slog(s, "event=store-id-mismatch");
		id = theirs;
	} else if (s->store.up)
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
	return ask(s, req, NULL);
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
	return ask(s, req, NULL) == 0;
}
