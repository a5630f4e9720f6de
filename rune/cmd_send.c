/* cmd_send.c: "rune send" and "rune reply": a message to an address, or
 * an answer to a received one (its sender, "Re: " subject, In-Reply-To
 * and References from its Message-ID). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "die.h"
#include "hdr.h"
#include "hexid.h"
#include "rx.h"
#include "send.h"

#define SEND_USAGE "rune send ADDRESS [-s SUBJECT] [--reply-to ID] " \
	"[-a FILE]... [FILE|-]"
#define REPLY_USAGE "rune reply ID [FILE|-]"
#define MSGID_MAX 250		/* a longer Message-ID is not used */
#define SUBJ_MAX 900

/* the value of option opt at argv[*i] ("-s V", "--reply-to=V"), moving
 * *i past it; NULL when argv[*i] is not opt */
static char const *
optval(int argc, char **argv, int *i, char const *opt, char const *usage)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return NULL;
	if (argv[*i][n] == '=' && opt[1] == '-')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		die_usage(usage);
	return argv[++*i];
}

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

int
cmd_send(struct cli *c, int argc, char **argv)
{
	static char irt[MSGID_MAX + 8];
	unsigned char raw[RUNE_ID_LEN];
	struct send_req q;
	char const *v, *pos[2];
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
		} else if (opts && argv[i][0] == '-' && argv[i][1] != '\0') {
			die_usage(SEND_USAGE);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			die_usage(SEND_USAGE);
		}
	}
	if (npos < 1)
		die_usage(SEND_USAGE);
	if (!addr_parse(&q.to, pos[0], strlen(pos[0])))
		die(RUNE_EXIT_PERM, "not an address: %.200s", pos[0]);
	q.text = npos == 2 ? pos[1] : NULL;
	return send_message(c, &q);
}

/* the Subject, In-Reply-To and References of a reply to r (message id) */
static void
answer_headers(struct send_req *q, struct rx const *r, char const *id)
{
	static char subj[SUBJ_MAX + 8], mid[MSGID_MAX + 8];
	static char refs[SUBJ_MAX + MSGID_MAX + 8];
	char old[SUBJ_MAX];

	if (!hdr_get(r->m.payload, r->m.paylen, "Message-ID", mid,
	    sizeof mid) || !msgid_ok(mid))
		snprintf(mid, sizeof mid, "<%s@rune>", id);
	q->in_reply_to = mid;
	if (hdr_get(r->m.payload, r->m.paylen, "References", old,
	    sizeof old) && strlen(old) + strlen(mid) < SUBJ_MAX)
		snprintf(refs, sizeof refs, "%s %s", old, mid);
	else
		snprintf(refs, sizeof refs, "%s", mid);
	q->references = refs;
	if (!hdr_get(r->m.payload, r->m.paylen, "Subject", old, sizeof old))
		old[0] = '\0';
	snprintf(subj, sizeof subj, "%s%s", strncasecmp(old, "Re:", 3) == 0 ?
	    "" : "Re: ", old);
	q->subject = subj;
	q->subject_raw = 1;	/* the original's text, encoded words kept */
}

int
cmd_reply(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN], raw[RUNE_ID_LEN];
	struct send_req q;
	struct conn cn;
	struct addr me;
	struct rx r;

	if (argc < 2 || argc > 3)
		die_usage(REPLY_USAGE);
	if (!hexid_parse(raw, argv[1], strlen(argv[1])))
		die(RUNE_EXIT_PERM, "not a message id: %.100s", argv[1]);
	memset(&q, 0, sizeof q);
	cli_identity(c, &me, sk);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	cli_login(&cn, &me, sk);
	switch (rx_get(&r, &cn, argv[1], &me, sk)) {
	case RX_GONE:
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "reply: no such message: %s", argv[1]);
	case RX_REJECTED:
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "reply: message %s rejected: %s; no reply "
		    "sent", argv[1], msg_reason(r.verdict));
	default:
		break;
	}
	conn_quit(&cn);
	sodium_memzero(sk, sizeof sk);
	q.to = r.m.sender;
	answer_headers(&q, &r, argv[1]);
	rx_free(&r);
	q.text = argc == 3 ? argv[2] : NULL;
	return send_message(c, &q);
}
