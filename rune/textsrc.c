/* textsrc.c: a text part in bounded memory, as textsrc.h says. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "compose.h"
#include "die.h"
#include "mimeenc.h"
#include "rune.h"
#include "textsrc.h"

#define QP_COLS 76

size_t textsrc_piece = 65536;

/* the verdicts found while the octets are copied */
struct scan {
	struct textcs_st cs;
	size_t col;		/* the 7bit check's column */
	int pend_cr;		/* the last octet was a CR */
};

static void
scan_piece(struct textsrc *s, struct scan *k, unsigned char const *p,
    size_t n)
{
	size_t i;
	unsigned char c;

	textcs_piece(&k->cs, p, n);
	for (i = 0; i < n; i++) {
		c = p[i];
		if (c == 0 || c >= 0x80)
			s->ascii = 0;
		if (!s->seven)
			continue;
		if (k->pend_cr) {
			k->pend_cr = 0;
			if (c != '\n') {	/* a lone CR */
				s->seven = 0;
				continue;
			}
		}
		if (c == '\n')
			k->col = 0;
		else if (c == '\r')
			k->pend_cr = 1;
		else if ((c < 0x20 && c != '\t') || c > 0x7e ||
		    ++k->col > MIMEENC_LINE_MAX)
			s->seven = 0;
	}
	if (n > 0)
		s->last = p[n - 1];
}

static void
scan_begin(struct textsrc *s, struct scan *k, struct home const *h)
{
	memset(s, 0, sizeof *s);
	s->seven = 1;
	s->ascii = 1;
	memset(k, 0, sizeof *k);
	textcs_begin(&k->cs);
	paytmp_open(&s->f, h);
}

static void
scan_end(struct textsrc *s, struct scan *k)
{
	if (k->pend_cr)		/* a CR as the last octet */
		s->seven = 0;
	s->utf8 = k->cs.utf8 && k->cs.need == 0;
	(void)textcs_end(&k->cs, s->cs);
}

void
textsrc_fd(struct textsrc *s, int fd, char const *name,
    struct home const *h)
{
	struct scan k;
	unsigned char *p;
	ssize_t r;

	if ((p = malloc(textsrc_piece)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	scan_begin(s, &k, h);
	for (;;) {
		r = read(fd, p, textsrc_piece);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", name);
		if (r == 0)
			break;
		if (s->f.n + (uint64_t)r > COMPOSE_FILE_MAX)
			die(RUNE_EXIT_PERM, "%s: larger than %lu octets", name,
			    COMPOSE_FILE_MAX);
		scan_piece(s, &k, p, (size_t)r);
		paytmp_put(&s->f, p, (size_t)r);
	}
	sodium_memzero(p, textsrc_piece);
	free(p);
	scan_end(s, &k);
}

int
textsrc_open(char const *path)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		die_sys(errno == ENOENT || errno == EACCES ? RUNE_EXIT_PERM :
		    RUNE_EXIT_TEMP, "unable to open %s", path);
	if (fstat(fd, &st) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to stat %s", path);
	if (S_ISDIR(st.st_mode))
		die(RUNE_EXIT_PERM, "%s is a directory", path);
	return fd;
}

void
textsrc_path(struct textsrc *s, char const *path, struct home const *h)
{

	int fd = textsrc_open(path);

	textsrc_fd(s, fd, fd == 0 ? "stdin" : path, h);
	if (fd != 0)
		(void)close(fd);
}

void
textsrc_mem(struct textsrc *s, unsigned char const *p, size_t n,
    struct home const *h)
{
	struct scan k;
	size_t at, m;

	scan_begin(s, &k, h);
	for (at = 0; at < n; at += m) {
		m = n - at < textsrc_piece ? n - at : textsrc_piece;
		scan_piece(s, &k, p + at, m);
		paytmp_put(&s->f, p + at, m);
	}
	scan_end(s, &k);
}

void
textsrc_att_type(struct buf *out, char const *name, struct textsrc const *s)
{
	char const *t = mimeenc_type(name);

	if (strncmp(t, "text/", 5) != 0)
		buf_puts(out, t);
	else if (s->ascii)
		buf_fmt(out, "%s; charset=us-ascii", t);
	else if (s->utf8)
		buf_fmt(out, "%s; charset=utf-8", t);
	else
		buf_puts(out, "application/octet-stream");
}

/* the pieces of s's file: fn(arg, piece, its length) for each in turn;
 * keep octets of each piece stay in front of the next one's */
static void
pieces(struct textsrc const *s, size_t keep,
    void (*fn)(void *, unsigned char const *, size_t), void *arg)
{
	unsigned char *p;
	uint64_t at = 0;
	size_t k, have = 0, room = textsrc_piece + keep;

	if ((p = malloc(room)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	while (at < s->f.n) {
		k = s->f.n - at < room - have ? (size_t)(s->f.n - at) :
		    room - have;
		if (!paytmp_read((void *)(unsigned long)&s->f, at, p + have,
		    k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		at += k;
		have += k;
		fn(arg, p, have);
		if (keep > 0 && have > keep) {
			memmove(p, p + have - keep, keep);
			have = keep;
		} else if (keep == 0) {
			have = 0;
		}
	}
	sodium_memzero(p, room);
	free(p);
}

struct find {
	char const *str;
	size_t len;
	int found;
};

static void
find_fn(void *arg, unsigned char const *p, size_t n)
{
	struct find *f = arg;

	if (memmem(p, n, f->str, f->len) != NULL)
		f->found = 1;
}

int
textsrc_has(struct textsrc const *s, char const *str)
{
	struct find f;

	f.str = str;
	f.len = strlen(str);
	f.found = 0;
	if (f.len == 0)
		return 1;
	pieces(s, f.len - 1, find_fn, &f);
	return f.found;
}

/* the encoders' state between pieces */
struct enc {
	struct buf *out;
	struct paytmp *t;
	int pend_cr;		/* a CR not yet known to end a line */
	int pend_ws;		/* a space or tab not yet known to be last
				 * on its line (quoted-printable), or 0 */
	size_t col;
};

static void
enc_flush(struct enc *e)
{
	if (e->t == NULL || e->out->len < textsrc_piece)
		return;
	paytmp_put(e->t, e->out->s, e->out->len);
	sodium_memzero(e->out->s, e->out->len);
	e->out->len = 0;
}

static void
crlf_fn(void *arg, unsigned char const *p, size_t n)
{
	struct enc *e = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		if (e->pend_cr) {
			e->pend_cr = 0;
			if (p[i] == '\n') {
				buf_put(e->out, "\r\n", 2);
				continue;
			}
			buf_put(e->out, "\r", 1);	/* a lone CR */
		}
		if (p[i] == '\r')
			e->pend_cr = 1;
		else if (p[i] == '\n')
			buf_put(e->out, "\r\n", 2);
		else
			buf_put(e->out, p + i, 1);
	}
	enc_flush(e);
}

void
textsrc_crlf(struct textsrc const *s, struct buf *out, struct paytmp *t)
{
	struct enc e;

	memset(&e, 0, sizeof e);
	e.out = out;
	e.t = t;
	pieces(s, 0, crlf_fn, &e);
	if (e.pend_cr)
		buf_put(out, "\r", 1);
	if (s->f.n > 0 && s->last != '\n')
		buf_put(out, "\r\n", 2);
}


/* the octet c of a line, last on it or not, as mimeenc_qp puts it */
static void
qp_octet(struct enc *e, unsigned char c, int last)
{
	char t[3];
	size_t k;

	k = mimeenc_qp_octet(t, c, last);
	if (e->col + k > QP_COLS - 1) {
		buf_put(e->out, "=\r\n", 3);
		e->col = 0;
	}
	buf_put(e->out, t, k);
	e->col += k;
}

static void
qp_fn(void *arg, unsigned char const *p, size_t n)
{
	struct enc *e = arg;
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = p[i];
		if (e->pend_cr) {
			e->pend_cr = 0;
			if (c == '\n') {	/* CRLF: the line's end */
				if (e->pend_ws)
					qp_octet(e, (unsigned char)e->pend_ws,
					    1);
				e->pend_ws = 0;
				buf_put(e->out, "\r\n", 2);
				e->col = 0;
				continue;
			}
			if (e->pend_ws)
				qp_octet(e, (unsigned char)e->pend_ws, 0);
			e->pend_ws = 0;
			qp_octet(e, '\r', 0);	/* a lone CR */
		}
		if (c == '\r') {
			e->pend_cr = 1;
			continue;
		}
		if (e->pend_ws)
			qp_octet(e, (unsigned char)e->pend_ws, c == '\n');
		e->pend_ws = 0;
		if (c == '\n') {
			buf_put(e->out, "\r\n", 2);
			e->col = 0;
		} else if (c == ' ' || c == '\t') {
			e->pend_ws = c;
		} else {
			qp_octet(e, c, 0);
		}
	}
	enc_flush(e);
}

void
textsrc_qp(struct textsrc const *s, struct buf *out, struct paytmp *t)
{
	struct enc e;

	memset(&e, 0, sizeof e);
	e.out = out;
	e.t = t;
	pieces(s, 0, qp_fn, &e);
	if (e.pend_cr) {	/* a CR as the last octet */
		if (e.pend_ws)
			qp_octet(&e, (unsigned char)e.pend_ws, 0);
		qp_octet(&e, '\r', 1);
	} else if (e.pend_ws) {
		qp_octet(&e, (unsigned char)e.pend_ws, 1);
	}
	if (s->f.n > 0 && s->last != '\n')
		buf_put(out, "\r\n", 2);
}

void
textsrc_close(struct textsrc *s)
{
	paytmp_close(&s->f);
}
