/* cmd_read.c: "rune list", "rune read N|ID" and "rune delete N|ID": the
 * mailbox as a person reads it, through the local cache (cache.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cache.h"
#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "encwords.h"
#include "expiry.h"
#include "fromname.h"
#include "getmsg.h"
#include "headersafe.h"
#include "mimepart.h"
#include "msgarg.h"
#include "msgfile.h"
#include "msgview.h"
#include "num.h"
#include "optval.h"
#include "pin.h"
#include "received.h"
#include "remote.h"
#include "show.h"
#include "tsafe.h"
#include "v2.h"

#define LIST_USAGE "rune list [--ids]"
#define READ_USAGE "rune read N|ID [--raw] [--save DIR]"
#define SUBJ_SHOWN 200	/* octets of a subject in a list line */
#define SAFE_PIECE (64 * 1024)	/* --raw of a large message: a piece */

/* logs in as the own identity; me set */
static void
start(struct cli *c, struct conn *cn, struct addr *me,
    unsigned char sk[RUNE_SK_LEN])
{
	cli_identity(c, me, sk);
	conn_open(cn, &c->home, cli_server(c), c->timeout);
	cli_login(cn, me, sk);
}

/* 1: message r, neither read nor delivered into a Maildir by fetch,
 * expires soon (expiry.h) */
static int
expiring(struct cli *c, char const *id, struct received const *r)
{
	return r->status != RECEIVED_REJECTED &&
	    !cache_seen(&c->home, id) && !expiry_fetched(&c->home, id) &&
	    expiry_soon(&c->home, r);
}

/* the list line of message number k */
static void
list_line(struct cli *c, size_t k, char const *id, struct received *r)
{
	char date[32], size[32], subj[SUBJ_SHOWN + 1];
	struct buf v = { 0 }, d = { 0 };
	struct buf hb = { 0 };
	unsigned char const *hp;
	struct mimepart m;
	struct tm tm;
	time_t t;
	size_t n, hn;
	char flag = cache_seen(&c->home, id) ? ' ' : 'N';

	if (r->status == RECEIVED_REJECTED) {
		show_printf("%4zu %c %-16s  %-.12s... rejected: %s (rune read "
		    "%zu says more)\n", k, flag, "", id,
		    msg_reason(r->verdict), k);
		return;
	}
	t = r->m.time > (uint64_t)INT64_MAX ? (time_t)INT64_MAX :
	    (time_t)r->m.time;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(date, sizeof date, "?");
	getmsg_head(r, &hb, &hp, &hn);
	mimepart_split(&m, hp, hn);
	subj[0] = '\0';
	if (mimepart_field(&m, "Subject", &v)) {
		encwords_decode(v.s, v.len, &d);
		n = d.len > SUBJ_SHOWN ? SUBJ_SHOWN : d.len;
		while (n > 0 && n < d.len && (d.s[n] & 0xc0) == 0x80)
			n--;	/* not inside a UTF-8 character */
		memcpy(subj, d.s, n);
		subj[n] = '\0';
	}
	msgview_size(size, r->m.paylen);
	show_printf("%4zu %c %-16s  %s%s%s  %9s  %s\n", k, flag, date,
	    r->m.sender.s, r->status == RECEIVED_VERIFIED ? "" :
	    r->status == RECEIVED_NEWKEY ? " (new key pinned)" :
	    " (unverified)", r->m.anonymous ? " (sender hidden from the "
	    "server)" : "",
	    size,
	    subj[0] != '\0' ? subj : "(no subject)");
	buf_free(&v);
	buf_free(&d);
	buf_free(&hb);
}

int
cmd_list(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	struct remote_ent *v = NULL;
	struct conn cn;
	struct addr me;
	struct received r;
	char *ids;
	size_t i, n, soon = 0, withheld = 0;
	int only_ids = 0;

	if (argc == 2 && strcmp(argv[1], "--ids") == 0)
		only_ids = 1;
	else if (argc != 1)
		die_usage(LIST_USAGE);
	start(c, &cn, &me, sk);
	n = remote_list(&cn, &v);
	if ((ids = calloc(n + 1, RUNE_ID_HEX_LEN + 1)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	for (i = 0; i < n; i++) {
		memcpy(ids + i * (RUNE_ID_HEX_LEN + 1), v[i].id,
		    RUNE_ID_HEX_LEN + 1);
		if (only_ids) {
			show_printf("%s %llu\n", v[i].id,
			    (unsigned long long)v[i].size);
			continue;
		}
		if (getmsg_big(c, &r, &cn, 1, v[i].id, &me, sk) ==
		    RECEIVED_GONE) {
			received_free(&r);
			continue;	/* deleted meanwhile */
		}
		list_line(c, i + 1, v[i].id, &r);
		soon += (size_t)expiring(c, v[i].id, &r);
		withheld += r.status != RECEIVED_REJECTED && r.withheld;
		received_free(&r);
	}
	if (!only_ids)	/* the numbers are those shown */
		cache_index_write(&c->home, ids, n);
	show_flush();
	if (soon > 0)
		expiry_warn(&c->home, soon, "unread", soon == 1 ?
		    "read it, or fetch into a Maildir" :
		    "read them, or fetch into a Maildir");
	if (withheld > 0)	/* 3.3: the server may withhold one-time keys */
		warn("%zu message%s came sealed to your last-resort key while "
		    "the server still held one-time keys of yours: the server "
		    "may be withholding them (forward secrecy delayed until "
		    "the last-resort key is deleted)", withheld,
		    withheld == 1 ? "" : "s");
	sodium_memzero(sk, sizeof sk);
	free(ids);
	free(v);
	show_flush();
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}

/* show_safe of the n octets of f from off, read in pieces cut after a
 * LF (no CRLF, no character cut but in a line longer than a piece) */
static void
safe_fd(struct paytmp *f, uint64_t off, uint64_t n)
{
	unsigned char *p;
	size_t have = 0, k, use;
	unsigned char last = '\n';

	if ((p = malloc(SAFE_PIECE)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	while (n > 0 || have > 0) {
		k = SAFE_PIECE - have;
		if (k > n)
			k = (size_t)n;
		if (k > 0 && !paytmp_read(f, off, p + have, k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		off += k;
		n -= k;
		have += k;
		use = have;
		if (n > 0) {
			while (use > 0 && p[use - 1] != '\n')
				use--;
			if (use == 0)
				use = have;
		}
		if (!tsafe_put(stdout, p, use, TSAFE_LF))
			die_sys(RUNE_EXIT_TEMP, "unable to write");
		last = p[use - 1];
		memmove(p, p + use, have - use);
		have -= use;
	}
	free(p);
	if (last != '\n' && putchar('\n') == EOF)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
}

int
cmd_read(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	char date[64], id[RUNE_ID_HEX_LEN + 1];
	char const *arg = NULL, *save = NULL, *v;
	struct conn cn;
	struct buf head = { 0 }, hb = { 0 };
	unsigned char const *hp;
	struct addr me;
	struct received r;
	size_t body, hn;
	int i, raw = 0, online = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--raw") == 0)
			raw = 1;
		else if ((v = optval(argc, argv, &i, "--save", READ_USAGE)))
			save = v;
		else if (arg == NULL && argv[i][0] != '-')
			arg = argv[i];
		else
			die_usage(READ_USAGE);
	}
	if (arg == NULL || (raw && save != NULL))
		die_usage(READ_USAGE);
	cli_identity(c, &me, sk);
	online = msgarg(c, &cn, arg, &me, sk, id);
	switch (getmsg_big(c, &r, &cn, online, id, &me, sk)) {
	case RECEIVED_GONE:
		if (online)
			conn_quit(&cn);
		die(RUNE_EXIT_PERM, "read: no such message: %s", id);
	case RECEIVED_KEYCHANGED: {
		char what[RUNE_ADDR_MAX + 40], cmd[RUNE_ADDR_MAX + 200];

		if (online)
			conn_quit(&cn);
		snprintf(what, sizeof what, "KEY OF ADDRESS %s",
		    r.m.sender.s);
		pin_addr_repin(cmd, sizeof cmd, &r.m.sender, r.seen);
		pin_mismatch(what, r.pinned, r.seen, cmd);
	}
	case RECEIVED_REJECTED: {
		char why[600], cmd[300];

		if (online)
			conn_quit(&cn);
		received_explain(&r, id, why, sizeof why, cmd, sizeof cmd);
		if (r.verdict == MSG2_TKH_BAD)	/* A5: as a key change */
			received_alarm(why);
		die(RUNE_EXIT_PERM, "message %s not shown: %s; it stays in the "
		    "mailbox (to remove it: %s)", id, why, cmd);
	}
	default:
		break;
	}
	sodium_memzero(sk, sizeof sk);
	if (online)
		conn_quit(&cn);
	show_date(date, r.m.time);
	/* a large message's header fields from its head (getmsg.h) */
	getmsg_head(&r, &hb, &hp, &hn);
	/* the checked block first: nothing after it passes for it */
	fromname_field(&head, hp, hn, &r.m.sender, 0);
	show_printf("From: %s\nDate: %s\nVerified: %s\nSecrecy: %s\n",
	    (char *)head.s, date, received_verified(&r), received_secrecy(&r));
	buf_free(&head);
	if (received_anonymity(&r) != NULL)
		show_printf("Anonymity: %s\n", received_anonymity(&r));
	if (r.withheld)
		warn("%s", V2_WITHHELD);
	if (raw) {
		/* the payload as sent, its header fixed as in a Maildir
		 * (headersafe.h) */
		show_printf("\n");
		body = headersafe(&head, hp, hn);
		if (head.len > 1)	/* not only the empty line */
			show_safe(head.s, head.len);
		if (r.big)
			safe_fd(&r.body, r.boff + body, r.m.paylen - body);
		else
			show_safe(hp + body, hn - body);
	} else {
		msgview_fields(hp, hn);
		show_printf("\n");
		if (r.big)
			msgfile_body(&r.body, r.boff, r.m.paylen, save);
		else
			msgview_body(r.m.payload, r.m.paylen, save);
	}
	buf_free(&hb);
	show_flush();
	cache_seen_set(&c->home, id);
	buf_free(&head);
	received_free(&r);
	return RUNE_EXIT_OK;
}

int
cmd_delete(struct cli *c, int argc, char **argv)
{
	unsigned char sk[RUNE_SK_LEN];
	char id[RUNE_ID_HEX_LEN + 1];
	struct conn cn;
	struct addr me;
	int gone;

	if (argc != 2)
		die_usage("rune delete N|ID");
	if (!cache_arg_prefix(argv[1]))
		cache_resolve(&c->home, argv[1], NULL, 0, id);
	start(c, &cn, &me, sk);
	sodium_memzero(sk, sizeof sk);
	if (cache_arg_prefix(argv[1])) {
		struct remote_ent *v = NULL;
		size_t n = remote_list(&cn, &v);

		cache_resolve(&c->home, argv[1], v, n, id);
		free(v);
	}
	gone = remote_delete(&cn, id);
	conn_quit(&cn);
	if (cache_drop(&c->home, id) && !gone) {
		show_printf("deleted %s (the local copy; the server had it no "
		    "more)\n", id);
	} else if (!gone) {
		die(RUNE_EXIT_PERM, "delete: no such message: %s", id);
	} else {
		show_printf("deleted %s\n", id);
	}
	show_flush();
	return RUNE_EXIT_OK;
}
