/* 215-rune-textsrc: a text part copied and encoded in pieces (textsrc.h)
 * comes out octet for octet as the whole-buffer functions make it: the
 * charset (textcs), the 7bit verdict (mimeenc_is_7bit), an attachment's
 * Content-Type (mimeenc_att_type), the 7bit text (mimeenc_crlf), the
 * quoted-printable text (mimeenc_qp), the boundary search (memmem), and
 * the whole message mime_build makes with the text as its text and as a
 * text/plain attachment (its Date, Message-ID and boundary made constant).
 * Pieces of 1 to 7 octets, 64 and 65536, so every multi-octet UTF-8
 * sequence, CRLF, space before CRLF and long line falls across a piece
 * edge somewhere: UTF-8 with 2-, 3- and 4-octet characters, Latin-1,
 * lines longer than 998 octets, CRLF, a lone CR, a CR last, an empty
 * text, invalid UTF-8 (overlong, surrogate, cut short, NUL), and
 * thousands of random texts of those octets; then again in a generated
 * de_DE.ISO-8859-1 locale and a ja_JP.EUC-JP one (a locale charset with
 * multi-octet characters: iconv's incomplete sequence at a piece's
 * end), when localedef can make them. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "addr.h"
#include "mime.h"
#include "mimeenc.h"
#include "paytmp.h"
#include "tap.h"
#include "textcs.h"
#include "textsrc.h"

static char top[] = "/tmp/t215.XXXXXX";
static struct home home;
static size_t const pieces[] = { 1, 2, 3, 4, 5, 7, 64, 65536 };

/* the file t's octets then out's, into b */
static void
gather(struct buf *b, struct paytmp *t, struct buf *out)
{
	buf_room(b, (size_t)t->n + 1);
	if (t->n > 0 && !paytmp_read(t, 0, b->s + b->len, (size_t)t->n))
		bail("unable to read the temporary file back");
	b->len += (size_t)t->n;
	buf_put(b, out->s, out->len);
}

/* b with its Date and Message-ID lines' values and its boundary made
 * constant (they are random or the time) */
static void
normal(struct buf *b)
{
	struct buf o = { 0 };
	unsigned char const *p = b->s, *e = b->s + b->len, *q, *bd;
	char bnd[80] = "";
	size_t bl = 0;

	bd = memmem(b->s, b->len, "boundary=\"", 10);
	if (bd != NULL && (q = memchr(bd + 10, '"', (size_t)(e - bd - 10)))
	    != NULL && (size_t)(q - bd - 10) < sizeof bnd) {
		bl = (size_t)(q - bd - 10);
		memcpy(bnd, bd + 10, bl);
	}
	while (p < e) {
		q = memchr(p, '\n', (size_t)(e - p));
		q = q != NULL ? q + 1 : e;
		if ((size_t)(q - p) > 6 && memcmp(p, "Date: ", 6) == 0)
			buf_puts(&o, "Date: X\r\n");
		else if ((size_t)(q - p) > 12 &&
		    memcmp(p, "Message-ID: ", 12) == 0)
			buf_puts(&o, "Message-ID: X\r\n");
		else if (bl > 0 && (bd = memmem(p, (size_t)(q - p), bnd, bl))
		    != NULL) {
			buf_put(&o, p, (size_t)(bd - p));
			buf_puts(&o, "BOUNDARY");
			buf_put(&o, bd + bl, (size_t)(q - bd - bl));
		} else
			buf_put(&o, p, (size_t)(q - p));
		p = q;
	}
	b->len = 0;
	buf_put(b, o.s, o.len);
	buf_free(&o);
}

/* the whole message mime_build makes of p[0..n) as its text and as a
 * text attachment "a.txt": from memory (the old way) into want, from
 * textsrc copies into got; both normalized */
static void
whole(unsigned char const *p, size_t n, struct buf *want, struct buf *got)
{
	static struct addr from, to;
	struct textsrc s, sa;
	struct mime_att a;
	struct mime_msg m;
	struct paytmp t;
	struct buf out = { 0 };
	char cs[TEXTCS_MAX];

	if (!addr_parse(&from, "alice@runetest", 14) ||
	    !addr_parse(&to, "bob@runetest", 12))
		bail("addr_parse");
	memset(&m, 0, sizeof m);
	memset(&a, 0, sizeof a);
	m.from = &from;
	m.to = &to;
	m.nto = 1;
	m.subject = "s";
	m.charset = textcs(p, n, cs);
	m.body = p;
	m.bodylen = n;
	a.name = "a.txt";
	a.data = p;
	a.len = n;
	a.fd = -1;
	m.att = &a;
	m.natt = 1;
	paytmp_open(&t, &home);
	mime_build(&out, &t, &m);
	gather(want, &t, &out);
	paytmp_close(&t);
	normal(want);
	textsrc_mem(&s, p, n, &home);
	textsrc_mem(&sa, p, n, &home);
	m.charset = NULL;
	m.body = (unsigned char const *)"";
	m.bodylen = 0;
	m.text = &s;
	a.data = NULL;
	a.src = &sa;
	a.fd = sa.f.fd;
	a.len = (size_t)sa.f.n;
	out.len = 0;
	paytmp_open(&t, &home);
	mime_build(&out, &t, &m);
	gather(got, &t, &out);
	paytmp_close(&t);
	normal(got);
	textsrc_close(&s);
	textsrc_close(&sa);
	buf_free(&out);
}

/* NULL: p[0..n) in pieces of textsrc_piece is as the whole functions
 * have it; else what differs */
static char const *
check(unsigned char const *p, size_t n)
{
	struct textsrc s;
	struct paytmp t;
	struct buf want = { 0 }, got = { 0 }, out = { 0 };
	char cs[TEXTCS_MAX];
	char const *bad = NULL;
	char needle[8];
	size_t k;

	textsrc_mem(&s, p, n, &home);
	if (s.f.n != n)
		bad = "the copy's length";
	if (bad == NULL && strcmp(textcs(p, n, cs), s.cs) != 0)
		bad = "the charset";
	if (bad == NULL && s.seven != mimeenc_is_7bit(p, n))
		bad = "the 7bit verdict";
	if (bad == NULL) {
		mimeenc_att_type(&want, "a.txt", p, n);
		textsrc_att_type(&got, "a.txt", &s);
		if (want.len != got.len || memcmp(want.s, got.s, want.len))
			bad = "the attachment's type";
		want.len = got.len = 0;
	}
	if (bad == NULL) {
		mimeenc_crlf(&want, p, n);
		textsrc_crlf(&s, &got, NULL);
		if (want.len != got.len || memcmp(want.s, got.s, want.len))
			bad = "the 7bit text";
		want.len = got.len = 0;
	}
	if (bad == NULL) {
		mimeenc_qp(&want, p, n);
		textsrc_qp(&s, &got, NULL);
		if (want.len != got.len || memcmp(want.s, got.s, want.len))
			bad = "the quoted-printable text";
		/* again through a file, flushed piece by piece */
		paytmp_open(&t, &home);
		textsrc_qp(&s, &out, &t);
		got.len = 0;
		gather(&got, &t, &out);
		if (bad == NULL && (want.len != got.len ||
		    memcmp(want.s, got.s, want.len)))
			bad = "the quoted-printable text through a file";
		paytmp_close(&t);
		want.len = got.len = out.len = 0;
		paytmp_open(&t, &home);
		mimeenc_crlf(&want, p, n);
		textsrc_crlf(&s, &out, &t);
		gather(&got, &t, &out);
		if (bad == NULL && (want.len != got.len ||
		    memcmp(want.s, got.s, want.len)))
			bad = "the 7bit text through a file";
		paytmp_close(&t);
	}
	/* a needle from the text's middle (found), and one not in it */
	for (k = 1; bad == NULL && k <= 6 && k <= n; k++) {
		memcpy(needle, p + (n - k) / 2, k);
		needle[k] = '\0';
		if (strlen(needle) == k && !textsrc_has(&s, needle))
			bad = "a string in the text not found";
	}
	if (bad == NULL) {
		want.len = got.len = 0;
		whole(p, n, &want, &got);
		if (want.len != got.len || memcmp(want.s, got.s, want.len))
			bad = "the whole message (mime_build)";
	}
	if (bad == NULL && textsrc_has(&s, "=_rune_nowhere") !=
	    (memmem(p, n, "=_rune_nowhere", 14) != NULL))
		bad = "the boundary search";
	textsrc_close(&s);
	buf_free(&want);
	buf_free(&got);
	buf_free(&out);
	return bad;
}

struct text {
	char const *name;
	unsigned char *p;
	size_t n;
};

static struct text texts[32];
static size_t ntexts;

static void
add(char const *name, void const *p, size_t n)
{
	struct text *x = &texts[ntexts++];

	x->name = name;
	x->p = malloc(n + 1);
	if (x->p == NULL)
		bail("out of memory");
	memcpy(x->p, p, n);
	x->n = n;
}

/* a string literal's octets, without its NUL */
#define ADDL(name, lit) add(name, lit, sizeof lit - 1)

static void
add_rep(char const *name, char const *unit, size_t times)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < times; i++)
		buf_puts(&b, unit);
	add(name, b.s != NULL ? b.s : (unsigned char *)"", b.len);
	buf_free(&b);
}

/* every text at every piece size, and random ones */
static void
all(char const *where)
{
	static unsigned char const alpha[] = " \t\r\n\r\naz=.\xc3\xa9\xe2\x82"
	    "\xac\xf0\x9f\x98\x80\xe9\xa4\xb3\xff\x7f";
	unsigned char r[300];
	size_t i, j, n, m, bad;
	char const *why, *first = NULL;

	for (i = 0; i < ntexts; i++) {
		bad = 0;
		for (j = 0; j < sizeof pieces / sizeof pieces[0]; j++) {
			textsrc_piece = pieces[j];
			if ((why = check(texts[i].p, texts[i].n)) != NULL) {
				diag("%s, pieces of %zu: %s differs",
				    texts[i].name, pieces[j], why);
				bad++;
			}
		}
		ok(bad == 0, "%s: %s as the whole buffer has it, at every "
		    "piece size", where, texts[i].name);
	}
	bad = 0;
	for (i = 0; i < 1500; i++) {
		n = randombytes_uniform(sizeof r);
		for (m = 0; m < n; m++)
			r[m] = alpha[randombytes_uniform(sizeof alpha - 1)];
		/* mostly one kind of octet: long runs of valid text */
		if (i % 3 == 0)
			for (m = 0; m < n; m++)
				if (r[m] >= 0x80 && r[m] != 0xc3 &&
				    r[m] != 0xa9)
					r[m] = 'x';
		textsrc_piece = pieces[i % 7];
		if ((why = check(r, n)) != NULL) {
			if (first == NULL) {
				first = why;
				tap_hexdump("the text", r, n);
				diag("pieces of %zu: %s differs",
				    textsrc_piece, why);
			}
			bad++;
		}
	}
	ok(bad == 0, "%s: 1500 random texts as the whole buffer has them "
	    "(%zu differ)", where, bad);
}

/* a locale made by localedef in top/loc; 0 when it cannot be */
static int
mklocale(char const *def, char const *cm, char const *name)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "localedef -i %s -f %s %s/loc/%s "
	    ">/dev/null 2>&1", def, cm, top, name);
	if (system(cmd) != 0)
		return 0;
	return setenv("LC_ALL", name, 1) == 0;
}

int
main(void)
{
	static unsigned char lat1[] = "caf\xe9 und Gr\xfc\xdf" "e\n";
	static unsigned char eucjp[] = "\xc6\xfc\xcb\xdc\xb8\xec \xa4\xc7"
	    "\xa4\xb9\r\n";
	char loc[300];
	unsigned char big[2100];
	size_t i;

	if (sodium_init() < 0 || mkdtemp(top) == NULL)
		bail("unable to start");
	if (setenv("TMPDIR", top, 1) != 0 || unsetenv("LC_ALL") != 0 ||
	    unsetenv("LANG") != 0 || unsetenv("LC_CTYPE") != 0)
		bail("unable to set the environment");
	snprintf(home.dir, sizeof home.dir, "%s", top);
	ADDL("an empty text",
	    "");
	add_rep("UTF-8 with 2-, 3- and 4-octet characters",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 x\n", 40);
	add_rep("UTF-8 with CRLF", "\xc3\xa9t\xc3\xa9 \r\n", 30);
	add("Latin-1", lat1, sizeof lat1 - 1);
	add_rep("Latin-1, many lines", (char *)lat1, 20);
	add("EUC-JP", eucjp, sizeof eucjp - 1);
	add_rep("EUC-JP, many lines", (char *)eucjp, 20);
	memset(big, 'a', sizeof big);
	big[0] = ' ';
	big[998] = '\n';
	big[sizeof big - 2] = ' ';
	big[sizeof big - 1] = '\n';
	add("a line of 998 octets, one of 1100", big, sizeof big);
	add("a line of 999 octets", big + 1, 999);
	memset(big, '=', 300);
	add("300 '=' (quoted-printable soft breaks)", big, 300);
	ADDL("CRLF, lone CR, space before CRLF and CR",
	    "a \r\nb\rc\t\r\nd \re\r\r\n \r\n\t\n");
	ADDL("a CR last",
	    "abc\r");
	ADDL("a space then a CR last",
	    "abc \r");
	ADDL("a space last",
	    "abc ");
	ADDL("a lone CR",
	    "\r");
	ADDL("a lone LF",
	    "\n");
	ADDL("CRLF",
	    "\r\n");
	ADDL("an overlong UTF-8 sequence",
	    "a\xc0\xaf" "b");
	ADDL("a UTF-8 surrogate",
	    "a\xed\xa0\x80" "b");
	ADDL("a UTF-8 sequence cut short at the end",
	    "ab\xe2\x82");
	ADDL("above U+10FFFF",
	    "\xf4\x90\x80\x80");
	ADDL("a NUL",
	    "a\0b\n");
	ADDL("control octets",
	    "a\x01\x7f\x1b[0m\n");
	all("C locale");

	snprintf(loc, sizeof loc, "%s/loc", top);
	if (mkdir(loc, 0700) != 0 || setenv("LOCPATH", loc, 1) != 0)
		bail("unable to make %s", loc);
	if (mklocale("de_DE", "ISO-8859-1", "de_DE.ISO-8859-1")) {
		ok(textcs(lat1, sizeof lat1 - 1, (char[TEXTCS_MAX]){ 0 })[0]
		    == 'I', "the Latin-1 locale is in use");
		all("de_DE.ISO-8859-1");
	} else {
		diag("localedef cannot make de_DE.ISO-8859-1: not checked");
	}
	if (mklocale("ja_JP", "EUC-JP", "ja_JP.EUC-JP")) {
		char cs[TEXTCS_MAX];

		ok(strcmp(textcs(eucjp, sizeof eucjp - 1, cs), "EUC-JP") == 0,
		    "the EUC-JP locale is in use (%s)", cs);
		all("ja_JP.EUC-JP");
	} else {
		diag("localedef cannot make ja_JP.EUC-JP: not checked");
	}
	for (i = 0; i < ntexts; i++)
		free(texts[i].p);
	snprintf(loc, sizeof loc, "rm -rf %s", top);
	if (system(loc) != 0)
		diag("unable to remove %s", top);
	return done();
}
