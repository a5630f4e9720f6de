/* cmd_sendmail.c: "rune sendmail", sendmail's command line as mail
 * programs call it (mutt, neomutt, mail(1), git send-email): an RFC 5322
 * message on stdin, one sealed copy per receiver, the exit code from
 * sysexits.h so that the mail program shows the right error.  Run as
 * "sendmail" (a link named so), rune is this command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sysexits.h>

#include "addrlist.h"
#include "cli.h"
#include "cmd.h"
#include "compose.h"
#include "die.h"
#include "mimeenc.h"
#include "mimepart.h"
#include "anonmode.h"
#include "rcpt.h"
#include "paytmp.h"
#include "send.h"

#define HEAD_MAX (256 * 1024)	/* the message's header: longer, refused */
#define USAGE "rune sendmail [-t] [-i] [-oi] [-O v1|now|identified]... " \
	"[-f ADDRESS] [-F NAME] [--] [ADDRESS...] <message"

struct sm {
	struct cli *c;
	int v1;		/* -O v1: a receiver without RUNE-2 keys gets v1 */
	int now;	/* -O now: the anonymous send without its delay */
	int ident;	/* -O identified: this message with the login */
	struct addr to[SEND_TO_MAX];
	size_t nto;
};

/* one receiver more (a duplicate is dropped; a bare user name is that
 * user of the own domain); exits EX_NOUSER with the sentence when it is
 * not an address of the own domain */
static void
add(char const *s, size_t n, void *arg)
{
	struct sm *m = arg;
	char why[RCPT_WHY_MAX];
	struct addr a;
	size_t k;

	if (!rcpt_parse_local(m->c, &a, s, n, why))
		die(EX_NOUSER, "%s", why);
	for (k = 0; k < m->nto; k++)
		if (strcmp(m->to[k].s, a.s) == 0)
			return;
	if (m->nto == SEND_TO_MAX)
		die(EX_DATAERR, "more than %d receivers", SEND_TO_MAX);
	m->to[m->nto++] = a;
}

/* the receivers of every field To, Cc and Bcc (-t), each unfolded */
static void
from_header(struct sm *m, struct mimepart const *p)
{
	static char const *const f[] = { "To", "Cc", "Bcc" };
	struct buf v = { 0 };
	size_t i, k;

	for (i = 0; i < 3; i++)
		for (k = 0; mimepart_field_nth(p, f[i], k, &v); k++)
			addrlist_each((char *)v.s, v.len, add, m);
	buf_free(&v);
}

/* 1: the header line at p starts a field called name */
static int
is_field(unsigned char const *p, size_t n, char const *name)
{
	size_t k = strlen(name);

	return n > k && strncasecmp((char const *)p, name, k) == 0 &&
	    (p[k] == ':' || p[k] == ' ' || p[k] == '\t');
}

/* 1: the header h[0..n) has a field called name */
static int
has_field(unsigned char const *h, size_t n, char const *name)
{
	size_t i = 0, e;

	while (i < n) {
		unsigned char const *lf = memchr(h + i, '\n', n - i);

		e = lf != NULL ? (size_t)(lf - h) + 1 : n;
		if (is_field(h + i, e - i, name))
			return 1;
		i = e;
	}
	return 0;
}

/* the payload's header: the message's without its Bcc fields, with
 * From, Date and Message-ID added when missing, and the empty line */
static void
payload_head(struct buf *out, struct mimepart const *p,
    struct addr const *me)
{
	unsigned char const *h = p->head;
	unsigned char r[16];
	char date[MIMEENC_DATE_MAX], hex[33];
	size_t i = 0, e, n = p->hlen;
	int skip = 0;

	if (!has_field(h, n, "From"))
		buf_fmt(out, "From: %s\r\n", me->s);
	if (!has_field(h, n, "Date")) {
		mimeenc_date(date, time(NULL));
		buf_fmt(out, "Date: %s\r\n", date);
	}
	if (!has_field(h, n, "Message-ID")) {
		randombytes_buf(r, sizeof r);
		sodium_bin2hex(hex, sizeof hex, r, sizeof r);
		buf_fmt(out, "Message-ID: <%s@%s>\r\n", hex,
		    me->s + me->at + 1);
	}
	while (i < n) {
		unsigned char const *lf = memchr(h + i, '\n', n - i);

		e = lf != NULL ? (size_t)(lf - h) + 1 : n;
		if (h[i] != ' ' && h[i] != '\t')
			skip = is_field(h + i, e - i, "Bcc");
		if (!skip)
			buf_put(out, h + i, e - i);
		i = e;
	}
	buf_puts(out, "\r\n");
}

/* stdin to its end into the temporary file t, in pieces; larger than
 * COMPOSE_FILE_MAX: "larger than", nothing sent */
static void
spool_stdin(struct paytmp *t)
{
	unsigned char b[65536];
	ssize_t r;

	for (;;) {
		if (t->n > COMPOSE_FILE_MAX)
			die(RUNE_EXIT_PERM, "stdin: larger than %lu octets",
			    COMPOSE_FILE_MAX);
		r = read(0, b, sizeof b);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read stdin");
		if (r == 0)
			break;
		paytmp_put(t, b, (size_t)r);
	}
}

/* the message's header from the spooled in: the first HEAD_MAX + 2
 * octets at most (enough for a header of HEAD_MAX and its CRLF empty
 * line) read into *h, split as mimepart_split splits the whole message
 * (*hdr's body pointer is left unusable: the body is *boff.. in the
 * file); a message with no empty line within them and longer is refused
 * (EX_DATAERR) */
static void
read_head(struct paytmp const *in, struct buf *h, struct mimepart *hdr,
    uint64_t *boff)
{
	uint64_t want = 65536, len;

	for (;;) {
		if (want > HEAD_MAX + 2)
			want = HEAD_MAX + 2;
		len = in->n < want ? in->n : want;
		h->len = 0;
		buf_room(h, (size_t)len + 1);
		if (!paytmp_read((void *)in, 0, h->s, (size_t)len))
			die_sys(EX_TEMPFAIL, "unable to read a temporary "
			    "file");
		h->len = (size_t)len;
		h->s[len] = '\0';
		mimepart_split(hdr, h->s, h->len);
		if (hdr->hlen < h->len || len == in->n) {
			/* an empty line found, or the message is all header
			 * (then the body is empty) */
			*boff = (uint64_t)(hdr->body - h->s);
			return;
		}
		if (want == HEAD_MAX + 2)
			die(EX_DATAERR, "the message's header (before its "
			    "first empty line) is longer than %d octets: "
			    "nothing sent", HEAD_MAX);
		want *= 2;
	}
}

/* the payload into out: the header payload_head makes, then in's octets
 * from boff (the body) copied in pieces */
static void
build(struct paytmp *out, struct paytmp const *in, uint64_t boff,
    struct mimepart const *hdr, struct addr const *me)
{
	unsigned char b[65536];
	struct buf h = { 0 };
	uint64_t off;
	size_t k;

	payload_head(&h, hdr, me);
	paytmp_put(out, h.s, h.len);
	buf_free(&h);
	for (off = boff; off < in->n; off += k) {
		k = in->n - off < sizeof b ? (size_t)(in->n - off) : sizeof b;
		if (!paytmp_read((void *)in, off, b, k))
			die_sys(EX_TEMPFAIL, "unable to read a temporary "
			    "file");
		paytmp_put(out, b, k);
	}
}

/* sends in a child, so that every other exit of the shared code (100,
 * 111) becomes the sysexits code a mail program knows */
static int
send_child(struct sm *m, struct paytmp const *p)
{
	struct send_codes const sc = { EX_NOUSER, EX_DATAERR, m->v1,
	    "-O v1", m->ident, EX_TEMPFAIL };
	char (*ids)[RUNE_ID_HEX_LEN + 1];
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die_sys(EX_OSERR, "unable to fork");
	if (pid == 0) {
		/* the mode, before any connection (C1): anonymous, queued
		 * in the outbox, where the server offers it */
		if (!m->ident && anonmode_offered(&m->c->home))
			_exit(send_anon_tmp(m->c, p, m->to, m->nto, NULL,
			    m->now, 0));
		if (m->ident && anonmode_offered(&m->c->home)) {
			unsigned char sk[RUNE_SK_LEN];
			struct addr me;

			cli_identity(m->c, &me, sk);
			sodium_memzero(sk, sizeof sk);
			send_identified_warning(&me, m->to, m->nto);
		}
		if ((ids = calloc(m->nto, sizeof *ids)) == NULL)
			die_sys(EX_TEMPFAIL, "out of memory");
		{
			/* the blob made as it is sent (msg2stream.h) */
			struct msg2src src = { p->n, paytmp_read,
			    (void *)p };

			send_payload_src(m->c, &src, m->to, m->nto, ids, &sc);
		}
		_exit(0);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die_sys(EX_OSERR, "unable to wait");
	if (!WIFEXITED(st))
		return EX_SOFTWARE;
	switch (WEXITSTATUS(st)) {
	case RUNE_EXIT_PERM:
		return EX_UNAVAILABLE;
	case RUNE_EXIT_TEMP:
		return EX_TEMPFAIL;
	default:
		return WEXITSTATUS(st);
	}
}

int
cmd_sendmail(struct cli *c, int argc, char **argv)
{
	static struct sm m;
	unsigned char sk[RUNE_SK_LEN];
	char const *from = NULL, *o;
	struct buf head = { 0 };
	struct paytmp in, out;
	struct mimepart p;
	struct addr me, f;
	uint64_t boff;
	int i, t = 0;

	m.c = c;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		char const *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "-t") == 0) {
			t = 1;
		} else if (strcmp(a, "-i") == 0 || strncmp(a, "-o", 2) == 0 ||
		    strncmp(a, "-B", 2) == 0 || strncmp(a, "-N", 2) == 0 ||
		    strncmp(a, "-R", 2) == 0 || strcmp(a, "-v") == 0 ||
		    strncmp(a, "-X", 2) == 0) {
			;	/* -oi, -oem, -B8BITMIME, DSN: nothing to do */
		} else if (strncmp(a, "-O", 2) == 0) {
			/* -O v1 (sendmail's -O option=value form): this
			 * message goes as v1 to a receiver without RUNE-2
			 * keys, "not forward secret" (send.h) */
			if (a[2] == '\0' && ++i >= argc)
				die(EX_USAGE, "usage: %s", USAGE);
			o = a[2] == '\0' ? argv[i] : a + 2;
			if (strcmp(o, "v1") == 0)
				m.v1 = 1;
			else if (strcmp(o, "now") == 0)
				m.now = 1;
			else if (strcmp(o, "identified") == 0)
				m.ident = 1;
			else
				die(EX_USAGE, "-O %s: the -O options RUNE "
				    "knows are v1, now and identified; usage: "
				    "%s", o, USAGE);
		} else if (strcmp(a, "-f") == 0 || strcmp(a, "-r") == 0 ||
		    strcmp(a, "-F") == 0) {
			if (++i >= argc)
				die(EX_USAGE, "usage: %s", USAGE);
			if (a[1] != 'F')
				from = argv[i];
		} else if (strncmp(a, "-f", 2) == 0 ||
		    strncmp(a, "-r", 2) == 0) {
			from = a + 2;
		} else if (strncmp(a, "-F", 2) == 0) {
			;
		} else {
			die(EX_USAGE, "%s: not an option of sendmail that RUNE "
			    "knows; usage: %s", a, USAGE);
		}
	}
	cli_identity(c, &me, sk);
	sodium_memzero(sk, sizeof sk);
	if (from != NULL && *from != '\0' && strcmp(from, "<>") != 0) {
		size_t n = strlen(from);

		char why[RCPT_WHY_MAX];

		if (from[0] == '<' && n > 2 && from[n - 1] == '>')
			from++, n -= 2;
		if (!rcpt_parse_local(c, &f, from, n, why) ||
		    strcmp(f.s, me.s) != 0)
			die(EX_NOPERM, "-f %.200s: this RUNE client sends only "
			    "as %s", from, me.s);
	}
	for (; i < argc; i++)
		add(argv[i], strlen(argv[i]), &m);
	/* stdin into a temporary file, never in memory whole: the header
	 * read from it (at most HEAD_MAX), the payload built into a second
	 * one and sent from there as rune send's (doc/client.md) */
	paytmp_open(&in, &c->home);
	spool_stdin(&in);
	read_head(&in, &head, &p, &boff);
	if (t)
		from_header(&m, &p);
	if (m.nto == 0)
		die(EX_USAGE, "no receivers: name them, or give -t and To, "
		    "Cc or Bcc fields");
	paytmp_open(&out, &c->home);
	build(&out, &in, boff, &p, &me);
	buf_free(&head);
	paytmp_close(&in);
	i = send_child(&m, &out);
	paytmp_close(&out);
	return i;
}
