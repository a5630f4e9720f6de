/* msgfile.c: a large payload shown from its file, as msgfile.h says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "die.h"
#include "mimepart.h"
#include "msgfile.h"
#include "msgwalk.h"
#include "num.h"
#include "paytmp.h"
#include "rune.h"
#include "tsafe.h"
#include "writeall.h"

/* a large payload walked in its file: a part of at most w->win octets is
 * read whole and walked as above (the same output by construction); a
 * larger one has its head read (at most VIEW_HEAD octets), a multipart's
 * delimiter lines found in a window of VIEW_PIECE octets, and a text or
 * attachment body decoded in pieces of VIEW_PIECE octets cut after a LF
 * (mimepart_dec_cut), so memory stays bounded whatever the size.  The
 * output is that of the whole walk but for a line longer than a piece
 * (a multipart delimiter after one, a CRLF or a character cut by the
 * piece's end) or a header section longer than VIEW_HEAD (doc/client.md) */
#define VIEW_WIN	(256 * 1024)
#define VIEW_HEAD	(64 * 1024)
#define VIEW_PIECE	(64 * 1024)

struct span {
	uint64_t off, n;
};

static void
fread_at(struct msgwalk *w, uint64_t off, unsigned char *p, size_t k)
{
	if (k > 0 && !paytmp_read(w->f, off, p, k))
		die_sys(RUNE_EXIT_TEMP, "unable to read a temporary file");
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n > 0 ? n : 1);

	if (p == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	return p;
}

/* text octets of the walk: to stdout, or kept (at most max + 1) */
static void
text_add(struct msgwalk *w, unsigned char const *p, size_t n)
{
	size_t room;

	if (n == 0)
		return;
	if (w->out) {
		if (!tsafe_put(stdout, p, n, TSAFE_LF))
			die_sys(RUNE_EXIT_TEMP, "unable to write");
		w->tdone += n;
		w->tlast = p[n - 1];
		return;
	}
	room = w->text->len <= w->max ? w->max + 1 - w->text->len : 0;
	buf_put(w->text, p, n < room ? n : room);
}

/* what a part walked in memory left in w->text: out */
static void
text_flush(struct msgwalk *w)
{
	struct buf t = *w->text;

	if (!w->out && t.len > w->max + 1)
		w->text->len = w->max + 1;
	if (!w->out || t.len == 0)
		return;
	w->text->len = 0;
	text_add(w, t.s, t.len);
}

/* the head of the part at off (n octets) into h (at most VIEW_HEAD),
 * split into *m; the offset of its body */
static uint64_t
fhead(struct msgwalk *w, uint64_t off, uint64_t n, unsigned char *h,
    struct mimepart *m)
{
	size_t k = n < VIEW_HEAD ? (size_t)n : VIEW_HEAD;

	fread_at(w, off, h, k);
	mimepart_split(m, h, k);
	if (m->blen == 0 && m->hlen == k)	/* no empty line in it */
		return off + n;
	return off + (uint64_t)(m->body - h);
}

/* the body [off, off + n) of the part m decoded in pieces, each to
 * fn(arg) */
static void
fdecode(struct msgwalk *w, struct mimepart const *m, uint64_t off, uint64_t n,
    void (*fn)(unsigned char const *, size_t, void *), void *arg)
{
	unsigned char *p = xmalloc(VIEW_PIECE);
	struct buf out = { 0 };
	struct mimedec d;
	size_t have = 0, k, use;

	mimepart_dec_init(&d, m);
	while (n > 0 || have > 0) {
		k = VIEW_PIECE - have;
		if (k > n)
			k = (size_t)n;
		fread_at(w, off, p + have, k);
		off += k;
		n -= k;
		have += k;
		use = n == 0 ? have : mimepart_dec_cut(&d, p, have);
		out.len = 0;
		mimepart_dec_put(&d, p, use, &out);
		if (out.len > 0)
			fn(out.s, out.len, arg);
		memmove(p, p + use, have - use);
		have -= use;
	}
	free(p);
	buf_free(&out);
}

/* a text part's decoded octets, made UTF-8 and CRLF made LF a line
 * at a time (a piece ends after a LF: no character, no CRLF cut) */
struct tsink {
	struct msgwalk *w;
	char cs[32];
	struct buf pend, conv, lf;
};

static void
tsink_run(struct tsink *t, int final)
{
	size_t k = t->pend.len;

	if (!final) {
		while (k > 0 && t->pend.s[k - 1] != '\n')
			k--;
		if (k == 0 && t->pend.len < VIEW_PIECE)
			return;
		if (k == 0)
			k = t->pend.len;	/* a line longer than a piece */
	}
	t->conv.len = 0;
	t->lf.len = 0;
	charset_utf8(t->cs, t->pend.s, k, &t->conv);
	msgwalk_crlf(&t->lf, &t->conv);
	text_add(t->w, t->lf.s, t->lf.len);
	memmove(t->pend.s, t->pend.s + k, t->pend.len - k);
	t->pend.len -= k;
}

static void
tsink_put(unsigned char const *p, size_t n, void *arg)
{
	struct tsink *t = arg;

	buf_put(&t->pend, p, n);
	tsink_run(t, 0);
}

static void
count_put(unsigned char const *p, size_t n, void *arg)
{
	(void)p;
	*(size_t *)arg += n;
}

struct fdsink {
	int fd;
	int ok;
};

static void
fd_put(unsigned char const *p, size_t n, void *arg)
{
	struct fdsink *s = arg;

	if (s->ok && !writeall(s->fd, p, n))
		s->ok = 0;
}

/* attachment t (in the file) decoded into fd: 1 ok, 0 write error */
static int
fsave(struct msgwalk *w, struct msgwalk_att const *t, int fd)
{
	unsigned char *h;
	struct fdsink s = { fd, 1 };
	struct mimepart m;
	struct buf dec = { 0 };
	uint64_t b;

	if (t->n <= w->win) {	/* read whole, decoded as it was walked */
		h = xmalloc(t->n);
		fread_at(w, t->off, h, t->n);
		mimepart_split(&m, h, t->n);
		mimepart_decode(&m, &dec);
		fd_put(dec.s, dec.len, &s);
		buf_free(&dec);
		free(h);
		return s.ok;
	}
	h = xmalloc(VIEW_HEAD);
	b = fhead(w, t->off, t->n, h, &m);
	fdecode(w, &m, b, t->off + t->n - b, fd_put, &s);
	free(h);
	return s.ok;
}

/* the octet at off */
static unsigned char
foctet(struct msgwalk *w, uint64_t off)
{
	unsigned char c;

	fread_at(w, off, &c, 1);
	return c;
}

/* the parts of the multipart body [off, off + n) with boundary b into
 * sp (at most MIMEPART_PARTS_MAX), as mimepart_each finds them; their
 * count */
static size_t
fparts(struct msgwalk *w, uint64_t off, uint64_t n, char const *b,
    struct span *sp)
{
	unsigned char *p = xmalloc(VIEW_PIECE), *lf;
	uint64_t i = 0, wpos = 0, start = 0, next, e;
	size_t wlen = 0, a, len, count = 0, bl = strlen(b);
	int in = 0, end, cont = 0;

	while (i < n) {
		if (i < wpos || i >= wpos + wlen ||
		    (i != wpos && wpos + wlen < n &&
		    memchr(p + (i - wpos), '\n', wpos + wlen - i) == NULL)) {
			wpos = i;
			wlen = n - i < VIEW_PIECE ? (size_t)(n - i) :
			    VIEW_PIECE;
			fread_at(w, off + wpos, p, wlen);
		}
		a = (size_t)(i - wpos);
		lf = memchr(p + a, '\n', wlen - a);
		if (cont || (lf == NULL && wpos + wlen < n)) {
			/* (in) a line longer than the window: never a
			 * delimiter */
			cont = lf == NULL;
			i = lf != NULL ? wpos + (uint64_t)(lf - p) + 1 :
			    wpos + wlen;
			continue;
		}
		len = lf != NULL ? (size_t)(lf - (p + a)) : wlen - a;
		next = lf != NULL ? i + len + 1 : n;
		if (mimepart_delim(p + a, len, b, bl, &end)) {
			if (in && count < MIMEPART_PARTS_MAX) {
				/* the CRLF before the delimiter is its own */
				e = i;
				if (e > start && foctet(w, off + e - 1) == '\n')
					e--;
				if (e > start && foctet(w, off + e - 1) == '\r')
					e--;
				sp[count].off = off + start;
				sp[count++].n = e - start;
			}
			if (end) {
				in = 0;
				break;
			}
			in = 1;
			start = next;
		}
		i = next;
	}
	if (in && start < n && count < MIMEPART_PARTS_MAX) {
		sp[count].off = off + start;	/* no closing delimiter */
		sp[count++].n = n - start;
	}
	free(p);
	return count;
}

static void fwalk_part(struct msgwalk *w, uint64_t off, uint64_t n, int depth);

/* a multipart's children (its body [off, off + n), boundary b) */
static void
fwalk_multi(struct msgwalk *w, char const *type, uint64_t off, uint64_t n,
    char const *b, int depth)
{
	struct span *sp = xmalloc(MIMEPART_PARTS_MAX * sizeof *sp);
	unsigned char *h;
	struct mimepart m;
	char t[MIMEPART_TYPE_MAX];
	size_t i, k, pick;

	k = fparts(w, off, n, b, sp);
	if (strcmp(type, "multipart/alternative") == 0) {
		/* its first text/plain part, else its first part */
		h = xmalloc(VIEW_HEAD);
		for (pick = 0, i = 0; i < k; i++) {
			(void)fhead(w, sp[i].off, sp[i].n, h, &m);
			mimepart_type(&m, t);
			if (strcmp(t, "text/plain") == 0) {
				pick = i;
				break;
			}
		}
		free(h);
		if (k > 0)
			fwalk_part(w, sp[pick].off, sp[pick].n, depth + 1);
	} else {
		for (i = 0; i < k; i++)
			fwalk_part(w, sp[i].off, sp[i].n, depth + 1);
	}
	free(sp);
}

static void
fwalk_part(struct msgwalk *w, uint64_t off, uint64_t n, int depth)
{
	unsigned char *h;
	struct mimepart m;
	struct buf v = { 0 }, b = { 0 };
	char type[MIMEPART_TYPE_MAX];
	struct tsink ts;
	struct msgwalk_att *t;
	uint64_t body;
	size_t i, natt = w->natt;

	if (n <= w->win) {	/* read whole, walked in memory */
		h = xmalloc((size_t)n);
		fread_at(w, off, h, (size_t)n);
		msgwalk_part(h, (size_t)n, w, depth);
		for (i = natt; i < w->natt; i++) {
			w->att[i].off = off + (uint64_t)(w->att[i].p - h);
			w->att[i].p = NULL;
		}
		text_flush(w);
		free(h);
		return;
	}
	h = xmalloc(VIEW_HEAD);
	body = fhead(w, off, n, h, &m);
	mimepart_type(&m, type);
	if (msgwalk_multipart(&m, type, depth, &v, &b)) {
		fwalk_multi(w, type, body, off + n - body, (char *)b.s, depth);
	} else if (strcmp(type, "text/plain") == 0 && !msgwalk_is_attachment(&m)) {
		memset(&ts, 0, sizeof ts);
		ts.w = w;
		if (mimepart_field(&m, "Content-Type", &v))
			(void)mimepart_param(v.s, v.len, "charset", &b, NULL);
		if (b.len > 0 && b.len < sizeof ts.cs)
			memcpy(ts.cs, b.s, b.len + 1);
		if (w->ntext++ > 0)
			text_add(w, (unsigned char const *)"\n", 1);
		fdecode(w, &m, body, off + n - body, tsink_put, &ts);
		tsink_run(&ts, 1);
		if (msgwalk_tlen(w) > 0 && msgwalk_tlast(w) != '\n')
			text_add(w, (unsigned char const *)"\n", 1);
		buf_free(&ts.pend);
		buf_free(&ts.conv);
		buf_free(&ts.lf);
	} else if (w->natt < MSGVIEW_ATT_MAX) {
		t = &w->att[w->natt++];
		memset(t, 0, sizeof *t);
		t->p = NULL;
		t->off = off;
		t->n = (size_t)n;
		memcpy(t->type, type, sizeof t->type);
		msgwalk_name(&m, &t->name);
		fdecode(w, &m, body, off + n - body, count_put, &t->size);
	}
	buf_free(&v);
	buf_free(&b);
	free(h);
}

/* the window from $RUNE_TEST_VIEW_WIN (the tests that walk small
 * messages in their file), else VIEW_WIN */
static size_t
view_win(void)
{
	char const *e = secure_getenv("RUNE_TEST_VIEW_WIN");
	uint64_t n;

	if (e != NULL && num_parse(&n, e, strlen(e)) && n < VIEW_WIN)
		return (size_t)n;
	return VIEW_WIN;
}

void
msgfile_body(struct paytmp *f, uint64_t off, uint64_t n,
    char const *savedir)
{
	static struct msgwalk w;
	struct buf text = { 0 };

	memset(&w, 0, sizeof w);
	w.text = &text;
	w.f = f;
	w.out = 1;
	w.win = view_win();
	w.fsave = fsave;
	fwalk_part(&w, off, n, 0);
	msgview_end(&w, w.tdone, savedir);
	buf_free(&text);
}

void
msgfile_text(struct paytmp *f, uint64_t off, uint64_t n,
    struct buf *out, size_t max)
{
	static struct msgwalk w;

	memset(&w, 0, sizeof w);
	w.text = out;
	w.f = f;
	w.max = max;
	w.win = view_win();
	w.fsave = fsave;
	fwalk_part(&w, off, n, 0);
	msgwalk_free(&w);
}
