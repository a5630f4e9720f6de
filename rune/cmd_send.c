/* cmd_send.c: "rune send" and "rune reply": a message to an address, or
 * an answer to a received one (its sender, "Re: " subject, In-Reply-To
 * and References from its Message-ID). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sodium.h>

#include "cache.h"
#include "cmd.h"
#include "compose.h"
#include "die.h"
#include "getmsg.h"
#include "header.h"
#include "hexid.h"
#include "msgarg.h"
#include "msgfile.h"
#include "msgview.h"
#include "optval.h"
#include "received.h"
#include "send.h"
#include "show.h"

#define SEND_USAGE "rune send ADDRESS... [-s SUBJECT] [--reply-to ID] " \
	"[-a FILE]... [--sent MAILDIR] [--v1] [--now|--wait] [--identified] " \
	"[FILE|-]"
#define REPLY_USAGE "rune reply [--v1] [--now|--wait] [--identified] " \
	"N|ID|<MESSAGE-ID>|MAILDIR-FILE [FILE|-]"
#define MSGID_MAX 250		/* a longer Message-ID is not used */
#define SUBJ_MAX 900
#define QUOTE_MAX (64 * 1024)	/* octets of the original quoted at most */

/* 1: s is one Message-ID "<...>": printable, no spaces, not too long */
static int
msgid_ok(char const *s)
{
	size_t n = strlen(s), i;

	if (n < 3 || n > MSGID_MAX || s[0] != '<' || s[n - 1] != '>')
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] <= 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

/* the Maildir for sent copies: --sent, else config/sent, else none */
static char const *
sent_dir(struct cli *c, char const *opt)
{
	static char line[HOME_PATH_MAX];

	if (opt != NULL)
		return *opt != '\0' ? opt : NULL;
	if (home_read_line(&c->home, "config/sent", line, sizeof line) &&
	    line[0] != '\0')
		return line;
	return NULL;
}

int
cmd_send(struct cli *c, int argc, char **argv)
{
	static char irt[MSGID_MAX + 8];
	unsigned char raw[RUNE_ID_LEN];
	static struct send_req q;
	char const *v, *pos[SEND_TO_MAX + 1], *sent = NULL;
	int i, npos = 0, opts = 1;

	memset(&q, 0, sizeof q);
	for (i = 1; i < argc; i++) {
		if (opts && strcmp(argv[i], "--") == 0) {
			opts = 0;
		} else if (opts && (v = optval(argc, argv, &i, "-s",
		    SEND_USAGE)) != NULL) {
			if (!mime_subject_ok(v))
				die(RUNE_EXIT_PERM, "-s: control characters "
				    "in the subject");
			q.subject = v;
		} else if (opts && (v = optval(argc, argv, &i, "--sent",
		    SEND_USAGE)) != NULL) {
			sent = v;
		} else if (opts && (v = optval(argc, argv, &i, "--reply-to",
		    SEND_USAGE)) != NULL) {
			if (hexid_parse(raw, v, strlen(v)))
				snprintf(irt, sizeof irt, "<%s@rune>", v);
			else if (msgid_ok(v))
				snprintf(irt, sizeof irt, "%s", v);
			else
				die(RUNE_EXIT_PERM, "--reply-to: neither a "
				    "message id nor a <Message-ID>: %.100s", v);
			q.in_reply_to = q.references = irt;
		} else if (opts && (v = optval(argc, argv, &i, "-a",
		    SEND_USAGE)) != NULL) {
			if (q.natt == SEND_ATT_MAX)
				die(RUNE_EXIT_PERM, "more than %d attachments",
				    SEND_ATT_MAX);
			if (strcmp(v, "-") == 0)
				die(RUNE_EXIT_PERM, "-a: a file, not stdin");
			q.att[q.natt++] = v;
		} else if (opts && strcmp(argv[i], "--v1") == 0) {
			q.v1 = 1;	/* this message only (v2.h) */
		} else if (opts && strcmp(argv[i], "--now") == 0) {
			q.now = 1;	/* no random delay (A4) */
		} else if (opts && strcmp(argv[i], "--wait") == 0) {
			q.wait = 1;	/* the delay in the foreground */
		} else if (opts && strcmp(argv[i], "--identified") == 0) {
			q.identified = 1;	/* this message only (C2) */
		} else if (opts && argv[i][0] == '-' && argv[i][1] != '\0') {
			die_usage(SEND_USAGE);
		} else if (npos < SEND_TO_MAX + 1) {
			pos[npos++] = argv[i];
		} else {
			die(RUNE_EXIT_PERM, "more than %d receivers",
			    SEND_TO_MAX);
		}
	}
	if (npos < 1)
		die_usage(SEND_USAGE);
	/* the first is an address; so is every later one with an '@';
	 * the last without one is the text */
	for (i = 0; i < npos; i++) {
		if (i > 0 && strchr(pos[i], '@') == NULL) {
			if (i != npos - 1)
				die(RUNE_EXIT_PERM, "%.200s: the text file "
				    "comes last, after the addresses", pos[i]);
			q.text = pos[i];
			break;
		}
		if (q.nto == SEND_TO_MAX)
			die(RUNE_EXIT_PERM, "more than %d receivers",
			    SEND_TO_MAX);
		cli_receiver(c, &q.to[q.nto++], pos[i]);
	}
	if (q.now && q.wait)
		die(RUNE_EXIT_PERM, "--now and --wait: one or the other");
	q.sent = sent_dir(c, sent);
	return send_message(c, &q);
}

/* the Subject, In-Reply-To and References of a reply to r (message id) */
static void
answer_headers(struct send_req *q, struct received *r, char const *id)
{
	static char subj[SUBJ_MAX + 8], mid[MSGID_MAX + 8];
	static char refs[SUBJ_MAX + MSGID_MAX + 8];
	char old[SUBJ_MAX];
	struct buf hb = { 0 };
	unsigned char const *hp;
	size_t hn;

	getmsg_head(r, &hb, &hp, &hn);	/* a large one's head alone */
	if (!header_get(hp, hn, "Message-ID", mid, sizeof mid) ||
	    !msgid_ok(mid))
		snprintf(mid, sizeof mid, "<%s@rune>", id);
	q->in_reply_to = mid;
	if (header_get(hp, hn, "References", old, sizeof old) &&
	    strlen(old) + strlen(mid) < SUBJ_MAX)
		snprintf(refs, sizeof refs, "%s %s", old, mid);
	else
		snprintf(refs, sizeof refs, "%s", mid);
	q->references = refs;
	if (!header_get(hp, hn, "Subject", old, sizeof old))
		old[0] = '\0';
	buf_free(&hb);
	snprintf(subj, sizeof subj, "%s%s", strncasecmp(old, "Re:", 3) == 0 ?
	    "" : "Re: ", old);
	q->subject = subj;
	q->subject_raw = 1;	/* the original's text, encoded words kept */
}

/* the id of the message whose Message-ID is mid, among the cached ones
 * (each opened and checked again); 0 none */
static int
by_msgid(struct cli *c, char const *mid, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN], char id[RUNE_ID_HEX_LEN + 1])
{
	char path[HOME_PATH_MAX], got[MSGID_MAX + 8];
	unsigned char raw[RUNE_ID_LEN];
	struct dirent *e;
	struct received r;
	struct buf hb = { 0 };
	unsigned char const *hp;
	size_t hn;
	int found = 0;
	DIR *d;

	home_path(path, &c->home, "cache");
	if ((d = opendir(path)) == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (!hexid_parse(raw, e->d_name, strlen(e->d_name)))
			continue;
		if (getmsg_big(c, &r, NULL, 0, e->d_name, me, sk) !=
		    RECEIVED_REJECTED && r.status != RECEIVED_GONE) {
			getmsg_head(&r, &hb, &hp, &hn);
			if (header_get(hp, hn, "Message-ID", got,
			    sizeof got) && strcmp(got, mid) == 0) {
				memcpy(id, e->d_name, RUNE_ID_HEX_LEN + 1);
				found = 1;
			}
		}
		received_free(&r);
	}
	buf_free(&hb);
	closedir(d);
	return found;
}

/* the id of the message a Maildir file (fetch's X-Rune-Id) names; the
 * file "/dev/stdin" is read from stdin (mutt's pipe-message), and the
 * editor then gets the terminal */
static void
by_file(char const *path, char id[RUNE_ID_HEX_LEN + 1])
{
	unsigned char raw[RUNE_ID_LEN];
	char v[RUNE_ID_HEX_LEN + 16];
	struct buf f = { 0 };
	int fd;

	compose_read_head(&f, strcmp(path, "/dev/stdin") == 0 ? "-" : path);
	if (!header_get(f.s, f.len, "X-Rune-Id", v, sizeof v) ||
	    !hexid_parse(raw, v, strlen(v)))
		die(RUNE_EXIT_PERM, "reply: %.200s has no X-Rune-Id: not a "
		    "message rune fetch delivered", path);
	memcpy(id, v, RUNE_ID_HEX_LEN + 1);
	buf_free(&f);
	if (strcmp(path, "/dev/stdin") == 0 && !isatty(0) &&
	    (fd = open("/dev/tty", O_RDONLY | O_CLOEXEC)) >= 0) {
		if (dup2(fd, 0) < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to use the terminal");
		close(fd);
	}
}

/* the original's text, each line quoted "> ", after "On DATE, X
 * wrote:"; its first QUOTE_MAX octets at most, cut after a line (or
 * on a character), then "> [quote cut at 64 KiB]" (doc/decisions.md) */
static void
quote(struct buf *q, struct received *r)
{
	struct buf t = { 0 };
	char date[64];
	size_t i, s = 0;
	int cut = 0;

	show_date(date, r->m.time);
	buf_fmt(q, "On %s, %s wrote:\n", date, r->m.sender.s);
	if (r->big)
		msgfile_text(&r->body, r->boff, r->m.paylen, &t, QUOTE_MAX);
	else
		msgview_text(r->m.payload, r->m.paylen, &t);
	if (t.len > QUOTE_MAX) {
		cut = 1;
		t.len = QUOTE_MAX;
		for (i = t.len; i > 0 && t.s[i - 1] != '\n'; i--)
			;
		if (i > 0)
			t.len = i;	/* after the last whole line */
		else
			while (t.len > 0 && (t.s[t.len] & 0xc0) == 0x80)
				t.len--;	/* not inside a character */
	}
	for (i = 0; i < t.len; i++) {
		if (t.s[i] != '\n')
			continue;
		buf_puts(q, i > s && t.s[s] != '>' ? "> " : ">");
		buf_put(q, t.s + s, i - s);
		buf_puts(q, "\n");
		s = i + 1;
	}
	if (s < t.len) {
		buf_puts(q, "> ");
		buf_put(q, t.s + s, t.len - s);
		buf_puts(q, "\n");
	}
	if (cut)
		buf_fmt(q, "> [quote cut at %d KiB]\n", QUOTE_MAX / 1024);
	buf_puts(q, "\n");
	buf_free(&t);
}

int
cmd_reply(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	char id[RUNE_ID_HEX_LEN + 1];
	char const *what;
	struct buf qt = { 0 };
	static struct send_req q;
	struct conn cn;
	struct addr me;
	struct received r;
	int online = 0;	/* then the exit code */
	int v1 = 0, now = 0, wait = 0, ident = 0;

	/* the options first: --v1, this reply goes as v1 when the receiver
	 * has no RUNE-2 keys, with the warning "not forward secret"; --now,
	 * --wait and --identified as for send (send.h) */
	while (argc > 1 && (strcmp(argv[1], "--v1") == 0 ||
	    strcmp(argv[1], "--now") == 0 || strcmp(argv[1], "--wait") == 0 ||
	    strcmp(argv[1], "--identified") == 0)) {
		v1 |= strcmp(argv[1], "--v1") == 0;
		now |= strcmp(argv[1], "--now") == 0;
		wait |= strcmp(argv[1], "--wait") == 0;
		ident |= strcmp(argv[1], "--identified") == 0;
		argc--;
		argv++;
	}
	if (now && wait)
		die(RUNE_EXIT_PERM, "--now and --wait: one or the other");
	if (argc < 2 || argc > 3)
		die_usage(REPLY_USAGE);
	what = argv[1];
	memset(&q, 0, sizeof q);
	q.v1 = v1;
	q.now = now;
	q.wait = wait;
	q.identified = ident;
	cli_identity(c, &me, sk);
	if (what[0] == '<') {
		if (!msgid_ok(what) || !by_msgid(c, what, &me, sk, id))
			die(RUNE_EXIT_PERM, "reply: no message in the cache "
			    "has the Message-ID %.250s (rune list or rune "
			    "fetch keeps them)", what);
	} else if (strchr(what, '/') == NULL && cache_arg_ok(what)) {
		online = msgarg(c, &cn, what, &me, sk, id);
	} else {
		by_file(what, id);
	}
	if (!online) {
		int fd;
		uint64_t size;

		if (cache_open(&c->home, id, &fd, &size)) {
			close(fd);
		} else {
			conn_open(&cn, &c->home, cli_server(c), c->timeout);
			cli_login(&cn, &me, sk);
			online = 1;
		}
	}
	switch (getmsg_big(c, &r, &cn, online, id, &me, sk)) {
	case RECEIVED_GONE:
		if (online)
			conn_quit(&cn);
		die(RUNE_EXIT_PERM, "reply: no such message: %s", id);
	case RECEIVED_REJECTED:
		if (online)
			conn_quit(&cn);
		die(RUNE_EXIT_PERM, "reply: message %s rejected: %s; no reply "
		    "sent", id, msg_reason(r.verdict));
	default:
		break;
	}
	if (online)
		conn_quit(&cn);
	sodium_memzero(sk, sizeof sk);
	q.to[0] = r.m.sender;
	q.nto = 1;
	answer_headers(&q, &r, id);
	quote(&qt, &r);
	q.quote = qt.s;
	q.quotelen = qt.len;
	received_free(&r);
	q.text = argc == 3 ? argv[2] : NULL;
	online = send_message(c, &q);
	buf_free(&qt);
	return online;
}
