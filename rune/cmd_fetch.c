/* cmd_fetch.c: "rune fetch --maildir DIR [--delete]": every listed
 * message retrieved, checked and delivered into a Maildir, once; a
 * message that fails a check, or whose sender's key changed, is held
 * back (left in the mailbox) and listed at the end, in words, with the
 * command that resolves it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "cache.h"
#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "expiry.h"
#include "fromname.h"
#include "getmsg.h"
#include "headersafe.h"
#include "maildir.h"
#include "mimepart.h"
#include "num.h"
#include "optval.h"
#include "outbox.h"
#include "received.h"
#include "remote.h"
#include "rx2stream.h"
#include "show.h"
#include "v2.h"
#include "watch.h"

#define FETCH_HEAD_MAX	(256 * 1024)	/* a large payload's head read */

#define USAGE "rune fetch --maildir DIR [--delete] [--watch SECONDS] " \
	"[--exec CMD]"

struct fetch {
	struct cli *c;
	struct conn cn;
	struct addr me;
	unsigned char sk[RUNE_SK_LEN];
	char const *dir;
	char const *exec;	/* --exec: run for each new message */
	int del;
	unsigned delivered, rejected, deleted, seen;
	size_t soon;		/* held back and expiring soon */
	struct buf held;	/* the held-back list, printed at the end */
};

static void
delete_one(struct fetch *f, char const *id)
{
	if (!f->del)
		return;
	if (remote_delete(&f->cn, id)) {
		f->deleted++;
		show_printf("deleted %s\n", id);
		show_flush();
	}
}

/* head (the client's fields) then the payload into the Maildir: from
 * memory, or a large one's body from its file, its header section
 * (within FETCH_HEAD_MAX) read into memory alone */
static void
deliver(struct fetch *f, struct received *r, struct buf *head, char name[64])
{
	unsigned char const *p = r->m.payload;
	unsigned char *ph = NULL;
	struct mimepart mp;
	size_t n = r->m.paylen, body;

	if (r->big) {
		n = r->m.paylen < FETCH_HEAD_MAX ? r->m.paylen : FETCH_HEAD_MAX;
		if ((ph = malloc(n + 1)) == NULL)
			die_sys(RUNE_EXIT_TEMP, "out of memory");
		if (!paytmp_read(&r->body, r->boff, ph, n))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		mimepart_split(&mp, ph, n);
		if (n < r->m.paylen && mp.hlen == n) {
			/* a header section longer than FETCH_HEAD_MAX:
			 * the whole payload, as small ones are */
			free(ph);
			n = r->m.paylen;
			if ((ph = malloc(n)) == NULL)
				die_sys(RUNE_EXIT_TEMP, "out of memory");
			if (!paytmp_read(&r->body, r->boff, ph, n))
				die_sys(RUNE_EXIT_TEMP, "unable to read a "
				    "temporary file");
		}
		p = ph;
	}
	/* with her display name when her From names her (fromname.h) */
	fromname_field(head, p, n, &r->m.sender, 1);
	buf_puts(head, "\n");
	body = headersafe(head, p, n);
	if (r->big)
		maildir_deliver_fd(f->dir, head->s, head->len, r->body.fd,
		    r->boff + body, r->m.paylen - body, name);
	else
		maildir_deliver(f->dir, head->s, head->len, p + body, n - body,
		    name);
	if (ph != NULL) {
		sodium_memzero(ph, n);
		free(ph);
	}
}

static void
one(struct fetch *f, char const *id)
{
	char date[64], name[64];
	struct buf head = { 0 };
	struct received r;

	if (expiry_fetched(&f->c->home, id)) {
		f->seen++;
		delete_one(f, id);
		return;
	}
	/* a v2 message read before is only in the cache (v2.h) */
	if (rx2_cached(&r, &f->c->home, id, f->sk) == RECEIVED_GONE)
		(void)received_get_big(&r, &f->cn, id, &f->me, f->sk,
		    getmsg_stream_min());
	switch (r.status) {
	case RECEIVED_GONE:
		return;
	case RECEIVED_REJECTED:
	case RECEIVED_KEYCHANGED: {
		char why[600], cmd[300];
		int from = received_sender_known(&r);

		received_explain(&r, id, why, sizeof why, cmd, sizeof cmd);
		buf_fmt(&f->held, "held back %s%s%s: %s\n  to resolve: %s\n",
		    id, from ? " from " : "", from ? r.m.sender.s : "", why,
		    cmd);
		f->rejected++;
		if (from && expiry_soon(&f->c->home, &r) &&
		    expiry_once(&f->c->home, id, why))
			f->soon++;
		received_free(&r);
		return;
	}
	default:
		break;
	}
	/* kept, so that read and reply work after --delete (cache.h); a
	 * large one's local record is there already (rx2stream.h) */
	if (!r.big)
		cache_put(&f->c->home, id, r.stored.s, r.stored.len);
	else if (r.m.version == 1)
		cache_put_fd(&f->c->home, id, r.bigstored.fd, r.bigstored.n);
	show_date(date, r.m.time);
	/* the only From and the only X-Rune-* fields are these
	 * (headersafe.h) */
	buf_fmt(&head, "X-Rune-Sender: %s\nX-Rune-Verified: %s\n"
	    "X-Rune-Secrecy: %s\n%s%s%s%s"
	    "X-Rune-Id: %s\nX-Rune-Time: %s\nFrom: ", r.m.sender.s,
	    received_verified(&r), received_secrecy(&r),
	    r.m.anonymous ? "X-Rune-Anonymity: " : "",
	    r.m.anonymous ? received_anonymity(&r) : "",
	    r.m.anonymous ? "\n" : "", r.withheld ?
	    "X-Rune-Warning: " V2_WITHHELD "\n" : "", id, date);
	deliver(f, &r, &head, name);
	home_write_line(&f->c->home, "fetched", id, name);
	f->delivered++;
	show_printf("delivered %s from %s (verified: %s%s)\n", id,
	    r.m.sender.s, received_verified(&r), r.m.anonymous ?
	    "; sender hidden from the server" : "");
	show_flush();
	if (f->exec != NULL) {
		char path[HOME_PATH_MAX];

		snprintf(path, sizeof path, "%s/new/%s", f->dir, name);
		watch_exec(f->exec, id, r.m.sender.s, path);
	}
	buf_free(&head);
	received_free(&r);
	delete_one(f, id);
}

/* one round: every listed message; exits as cmd_fetch says */
static void
fetch_round(void *arg)
{
	struct fetch *fp = arg, f = *fp;
	struct remote_ent *v = NULL;
	size_t i, n;

	/* the anonymous messages due first, each on its own connection,
	 * before this round's login (and its TOKENS) rather than after it
	 * (A4); a failure is said and the entry stays (outbox.h) */
	(void)outbox_run(f.c, 0);
	cli_identity(f.c, &f.me, f.sk);
	conn_open(&f.cn, &f.c->home, cli_server(f.c), f.c->timeout);
	cli_login(&f.cn, &f.me, f.sk);
	n = remote_list(&f.cn, &v);
	for (i = 0; i < n; i++)
		one(&f, v[i].id);
	free(v);
	sodium_memzero(f.sk, sizeof f.sk);
	conn_quit(&f.cn);
	if (f.held.len > 0)
		show_safe(f.held.s, f.held.len);
	show_flush();
	buf_free(&f.held);
	info("%u delivered, %u delivered before, %u held back, %u deleted",
	    f.delivered, f.seen, f.rejected, f.deleted);
	if (f.soon > 0)
		expiry_warn(&f.c->home, f.soon, "held-back", f.soon == 1 ?
		    "resolve it as said above before it is gone" :
		    "resolve them as said above before they are gone");
	if (f.rejected > 0)
		exit(RUNE_EXIT_PERM);
}

int
cmd_fetch(struct cli *c, int argc, char **argv)
{
	struct fetch f;
	uint64_t secs = 0;
	char const *v;
	int i;

	memset(&f, 0, sizeof f);
	f.c = c;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--delete") == 0)
			f.del = 1;
		else if ((v = optval(argc, argv, &i, "--watch", USAGE))) {
			if (!num_parse(&secs, v, strlen(v)) || secs == 0 ||
			    secs > 86400)
				die(RUNE_EXIT_PERM, "--watch: not 1..86400 "
				    "seconds: %.50s", v);
		} else if ((v = optval(argc, argv, &i, "--exec", USAGE)))
			f.exec = v;
		else if ((v = optval(argc, argv, &i, "--maildir", USAGE)))
			f.dir = v;
		else
			die_usage(USAGE);
	}
	if (f.dir == NULL || *f.dir == '\0')
		die_usage(USAGE);
	maildir_init(f.dir);
	if (secs > 0) {
		expiry_once_init();	/* each message warned of once */
		return watch_loop((unsigned)secs, fetch_round, &f);
	}
	fetch_round(&f);
	return RUNE_EXIT_OK;
}
