/* cmd_mbox.c: LIST, RETRIEVE, DELETE of one's own mailbox (spec 10,
 * 13.14).  Reads in process, read-only; DELETE through rune-store. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hexid.h"
#include "mbox.h"
#include "cmd.h"
#include "deadline.h"
#include "life.h"
#include "num.h"
#include "replies.h"
#include "session.h"
#include "store.h"

/* the session's own mailbox name; 1 set, 0 none yet, -1 error */
static int
own(struct session *s, char mbox[MBOX_NAME_LEN + 1])
{
	int r = mbox_name(s->conf.root, &s->me, mbox);

	/* a salt of the wrong size (a crash of an older rune-store) named
	 * no mailbox: rune-store replaces it */
	if (r < 0 && errno == EPROTO)
		r = store_name(s, &s->me, mbox) ? 1 : -1;
	return r;
}

void
cmd_list(struct session *s, int argc, struct tok const *v)
{
	char mbox[MBOX_NAME_LEN + 1], line[RUNE_ID_HEX_LEN + NUM_FMT_MAX + 2];
	char n[NUM_FMT_MAX];
	struct mbox_list l = { 0 };
	size_t i;
	int r;

	(void)argc;
	(void)v;
	r = own(s, mbox);
	if (r < 0 || (r == 1 && mbox_list(s->conf.root, mbox, &l) != 1)) {
		reply(s, 451, "temporary failure");
		return;
	}
	for (i = 0; i < l.n; i++) {
		memcpy(line, l.v[i].hex, RUNE_ID_HEX_LEN);
		line[RUNE_ID_HEX_LEN] = ' ';
		num_fmt(line + RUNE_ID_HEX_LEN + 1, l.v[i].size);
		reply_more(s, 250, line);
	}
	num_fmt(n, l.n);
	snprintf(line, sizeof line, "%s messages", n);
	mbox_list_free(&l);
	reply(s, 250, line);
}

void
cmd_retrieve(struct session *s, int argc, struct tok const *v)
{
	unsigned char id[RUNE_ID_LEN], buf[16384];
	char mbox[MBOX_NAME_LEN + 1], n[NUM_FMT_MAX];
	uint64_t size, left;
	int r, fd;

	(void)argc;
	if (!hexid_parse(id, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: message id");
		return;
	}
	r = own(s, mbox);
	if (r == 1)
		r = mbox_open_msg(s->conf.root, mbox, id, &fd, &size);
	if (r < 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	if (r == 0) {
		reply(s, 415, "no such message");
		return;
	}
	num_fmt(n, size);
	reply(s, 240, n);
	for (left = size; left > 0; ) {
		ssize_t k = read(fd, buf, left < sizeof buf ? left : sizeof buf);

		/* every 64 KiB gets the idle time, as SEND's body does */
		if ((size - left) % 65536 == 0)
			deadline_idle(s);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			close(fd);
			session_fail(s, 0, "short-message-file");
		}
		if (!reply_raw(s, buf, (size_t)k)) {
			close(fd);
			session_fail(s, 0, "write-failed");
		}
		left -= (uint64_t)k;
	}
	close(fd);
}

void
cmd_delete(struct session *s, int argc, struct tok const *v)
{
	unsigned char id[RUNE_ID_LEN];
	char mbox[MBOX_NAME_LEN + 1];
	int r;

	(void)argc;
	if (!hexid_parse(id, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: message id");
		return;
	}
	r = own(s, mbox);
	if (r < 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	r = r == 0 ? 415 : store_del(s, mbox, id);
	if (r == 0)
		reply(s, 250, "deleted");
	else
		reply_refusal(s, r, "temporary failure");
}
