/* cmd_send.c: SEND (spec 10, 13.9, 13.11): checks, 340, the client blob
 * read straight into the envelope's buffer, the stored blob handed to
 * rune-store, 250 with the message id.  SEND <address> <size> 2 (with
 * control/prekeys on, doc/protocol-v2.md 1.5) takes a blob2 and stores
 * an env2.
 *
 * Built with -DRUNE_NO_IDSEND (make NOIDSEND=1, doc/protocol-v2.md 2.7
 * S2), the identified path is compiled out: no send_identified, no v1
 * blob, no envelope with a sender; an authenticated SEND gets 422 and
 * only the anonymous send on a permit (cmd_token.c) stores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "clock.h"
#include "envelope.h"
#include "hexid.h"
#include "cmd.h"
#include "deadline.h"
#include "lookup.h"
#include "num.h"
#include "replies.h"
#include "proto.h"
#include "sendstream.h"
#include "session.h"
#include "slog.h"
#include "store.h"


/* the checks before 340; 1 go on (*rcpt, *pk, mbox set), 0 replied */
static int
check(struct session *s, int argc, struct tok const *v, struct addr *rcpt,
    unsigned char pk[RUNE_PK_LEN], uint64_t *size, char *mbox)
{
	uint64_t count, bytes;
	struct keyrec r;
	int v2 = argc == 4;

	if (!addr_parse(rcpt, v[1].s, v[1].len) ||
	    !num_parse(size, v[2].s, v[2].len) ||
	    (v2 && (v[3].len != 1 || v[3].s[0] != '2'))) {
		reply(s, 400, "syntax error");
		return 0;
	}
	if (!lookup_active(s, rcpt, &r, "temporary failure, nothing stored"))
		return 0;
	if (!v2 && *size < RUNE_BLOB_MIN) {
		reply(s, 400, "syntax error: a client blob has at least 1072 octets");
		return 0;
	}
	if (v2 && *size < RUNE2_BLOB_MIN) {
		reply(s, 400, "syntax error: a RUNE-2 blob has at least 1137 octets");
		return 0;
	}
	if (*size > s->conf.maxsize) {
		reply(s, 413, "message too large");
		return 0;
	}
	if (!store_name(s, rcpt, mbox) ||
	    mbox_usage_hint(s->conf.root, mbox, &count, &bytes) != 1) {
		reply(s, 451, "temporary failure, nothing stored");
		return 0;
	}
	/* the check rune-store makes again under the mailbox lock */
	if (mbox_quota_over(s->conf.quota_messages, s->conf.quota_bytes,
	    count, bytes, *size + RUNE_STORED_EXTRA)) {
		reply(s, 416, "mailbox full");
		return 0;
	}
	memcpy(pk, r.pk, RUNE_PK_LEN);
	return 1;
}

/* stores the message of SEND: 340, the blob, the envelope (sender NULL:
 * anonymous), rune-store; 1 stored (250 sent) */
#ifdef RUNE_NO_IDSEND
static int
store_send(struct session *s, int argc, struct tok const *v)
{
	/* no sender can reach an envelope in this build */
	struct addr const *const sender = NULL;
#else
static int
store_send(struct session *s, int argc, struct tok const *v,
    struct addr const *sender)
{
#endif
	unsigned char pk[RUNE_PK_LEN], id[RUNE_ID_LEN];
	unsigned char *buf = NULL, *stored = NULL;
	char text[32], mbox[MBOX_NAME_LEN + 1], hex[RUNE_ID_HEX_LEN + 1];
	size_t room = envelope_prefix_room();
	struct addr rcpt;
	uint64_t size;
	int r, code;

	if (!check(s, argc, v, &rcpt, pk, &size, mbox))
		return 0;
#ifdef RUNE_NO_IDSEND
	/* a v1 blob is an identified send's only */
	if (argc != 4) {
		reply(s, 422, "identified send disabled");
		return 0;
	}
#endif
	/* a large blob or blob2 is streamed (sendstream.c) */
	if (size > SEND_MEM_MAX) {
		if ((code = send_stream(s, argc == 4 ? RUNE2_VERSION_OCTET :
		    RUNE_VERSION_OCTET, sender, &rcpt, pk, mbox, size,
		    id)) < 0)
			return 0;
		goto answer;
	}
	buf = malloc(room + size);
	stored = malloc(size + RUNE_STORED_EXTRA);
	if (!buf || !stored) {
		free(buf);
		free(stored);
		reply(s, 451, "temporary failure, nothing stored");
		return 0;
	}
	snprintf(text, sizeof text, "send %llu octets", (unsigned long long)size);
	reply(s, 340, text);
	r = deadline_read_exact(s, buf + room, size);
	if (r != 1) {
		free(buf);
		free(stored);
		if (r < 0) {
			deadline_timeout(s);
			return 0;
		}
		s->closing = 1;
		s->endreason = "short-send";
		return 0;
	}
	code = 451;
	if (argc == 4 && buf[room] != RUNE2_VERSION_OCTET)
		code = 400;	/* all the server checks of a blob2 */
#ifdef RUNE_NO_IDSEND
	else if (envelope2_make(stored, id, buf, room, size, &rcpt, pk,
	    sender, clock_now(), s->server_sk))
#else
	else if (argc == 4 ? envelope2_make(stored, id, buf, room, size,
	    &rcpt, pk, sender, clock_now(), s->server_sk) :
	    envelope_make(stored, id, buf, room, size, &rcpt, pk, sender,
	    clock_now(), s->server_sk))
#endif
		code = store_put(s, &rcpt, mbox, stored,
		    size + RUNE_STORED_EXTRA, id);
	free(buf);
	free(stored);
answer:
	/* the size, with the logger's time, could point at a mailbox file:
	 * only at RUNE_VERBOSE=2 */
	if (s->verbose >= 2)
		slog(s, "event=send code=%d size=%llu", code ? code : 250,
		    (unsigned long long)size);
	else
		slog(s, "event=send code=%d", code ? code : 250);
	if (code == 0) {
		hexid_fmt(hex, id);
		reply(s, 250, hex);
		return 1;
	}
	if (code == 400)
		reply(s, 400, "bad RUNE-2 blob");
	else	/* 404: unregistered or disabled since the 340 */
		reply_refusal(s, code, "temporary failure, nothing stored");
	return 0;
}

#ifndef RUNE_NO_IDSEND
/* the identified send: the session's address into the envelope */
int
send_identified(struct session *s, int argc, struct tok const *v,
    struct addr const *sender)
{
	return store_send(s, argc, v, sender);
}
#endif

int
send_message(struct session *s, int argc, struct tok const *v,
    struct addr const *sender)
{
#ifdef RUNE_NO_IDSEND
	if (sender == NULL)
		return store_send(s, argc, v);
	reply(s, 422, "identified send disabled");
	return 0;
#else
	return sender == NULL ? store_send(s, argc, v, NULL) :
	    send_identified(s, argc, v, sender);
#endif
}
