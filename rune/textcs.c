/* textcs.c: the charset of an outgoing text, as textcs.h says. */
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mimeenc.h"
#include "textcs.h"

/* the locale's charset into out ("" when it names none fit for a
 * label); LC_CTYPE is "C" again after */
static void
locale_cs(char out[TEXTCS_MAX])
{
	char const *cs;
	size_t n;

	out[0] = '\0';
	if (setlocale(LC_CTYPE, "") == NULL)
		return;
	cs = nl_langinfo(CODESET);
	n = cs != NULL ? strlen(cs) : 0;
	if (n > 0 && n < TEXTCS_MAX && strspn(cs, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") == n)
		memcpy(out, cs, n + 1);
	(void)setlocale(LC_CTYPE, "C");
}

/* 1: the charset says nothing beyond UTF-8 or US-ASCII */
static int
plain_cs(char const *cs)
{
	static char const *const v[] = {
		"", "UTF-8", "utf8", "ANSI_X3.4-1968", "US-ASCII", "ASCII",
	};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strcasecmp(cs, v[i]) == 0)
			return 1;
	return 0;
}

/* 1: p[0..n) converts from cs to UTF-8 without an error */
static int
converts(char const *cs, unsigned char const *p, size_t n)
{
	char outb[4096], *in = (char *)(unsigned long)p, *o;
	size_t inleft = n, oleft, r;
	iconv_t cd = iconv_open("UTF-8", cs);
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (inleft > 0) {
		o = outb;
		oleft = sizeof outb;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			ok = 0;	/* EILSEQ, EINVAL: not in cs */
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

char const *
textcs(unsigned char const *p, size_t n, char out[TEXTCS_MAX])
{
	if (mimeenc_utf8_ok(p, n)) {
		snprintf(out, TEXTCS_MAX, "utf-8");
		return out;
	}
	locale_cs(out);
	if (!plain_cs(out) && memchr(p, 0, n) == NULL && converts(out, p, n))
		return out;
	snprintf(out, TEXTCS_MAX, "%s", TEXTCS_UNKNOWN);
	return out;
}

/* one octet of the UTF-8 check, as mimeenc_utf8_ok decides */
static void
utf8_octet(struct textcs_st *s, unsigned long b)
{
	if (s->need == 0) {
		if (b == 0) {
			s->utf8 = 0;
		} else if (b < 0x80) {
			return;
		} else if (b >= 0xc2 && b <= 0xdf) {
			s->need = 1;
			s->c = b & 0x1f;
			s->min = 0x80;
		} else if ((b & 0xf0) == 0xe0) {
			s->need = 2;
			s->c = b & 0x0f;
			s->min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			s->need = 3;
			s->c = b & 0x07;
			s->min = 0x10000;
		} else {
			s->utf8 = 0;
		}
		return;
	}
	if ((b & 0xc0) != 0x80) {
		s->utf8 = 0;
		return;
	}
	s->c = (s->c << 6) | (b & 0x3f);
	if (--s->need == 0 && (s->c < s->min || s->c > 0x10ffff ||
	    (s->c >= 0xd800 && s->c <= 0xdfff)))
		s->utf8 = 0;
}

/* iconv over p[0..n): the octets left at the end (an incomplete
 * sequence), or (size_t)-1 on an octet not in the charset */
static size_t
conv_run(iconv_t cd, unsigned char const *p, size_t n)
{
	char outb[4096], *in = (char *)(unsigned long)p, *o;
	size_t inleft = n, oleft, r;

	while (inleft > 0) {
		o = outb;
		oleft = sizeof outb;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		return errno == EINVAL ? inleft : (size_t)-1;
	}
	return 0;
}

/* the locale's check over one piece: the octets iconv left waiting are
 * completed octet by octet first */
static void
conv_piece(struct textcs_st *s, unsigned char const *p, size_t n)
{
	size_t left;

	while (s->conv && n > 0 && s->nic > 0) {
		s->ic[s->nic++] = *p++;
		n--;
		left = conv_run(s->cd, s->ic, s->nic);
		if (left == (size_t)-1 || left == sizeof s->ic) {
			s->conv = 0;
			return;
		}
		memmove(s->ic, s->ic + s->nic - left, left);
		s->nic = left;
	}
	if (!s->conv || n == 0)
		return;
	left = conv_run(s->cd, p, n);
	if (left == (size_t)-1 || left >= sizeof s->ic) {
		s->conv = 0;
		return;
	}
	memcpy(s->ic, p + n - left, left);
	s->nic = left;
}

void
textcs_begin(struct textcs_st *s)
{
	iconv_t cd;

	memset(s, 0, sizeof *s);
	s->utf8 = 1;
	locale_cs(s->loc);
	s->cd = NULL;
	if (!plain_cs(s->loc) &&
	    (cd = iconv_open("UTF-8", s->loc)) != (iconv_t)-1) {
		s->cd = cd;
		s->conv = 1;
	}
}

void
textcs_piece(struct textcs_st *s, unsigned char const *p, size_t n)
{
	size_t i;

	if (memchr(p, 0, n) != NULL)
		s->nul = 1;
	for (i = 0; i < n && s->utf8; i++)
		utf8_octet(s, p[i]);
	conv_piece(s, p, n);
}

char const *
textcs_end(struct textcs_st *s, char out[TEXTCS_MAX])
{
	int conv = s->conv && s->nic == 0 && !s->nul;

	if (s->cd != NULL)
		iconv_close(s->cd);
	s->cd = NULL;
	if (s->utf8 && s->need == 0) {
		snprintf(out, TEXTCS_MAX, "utf-8");
		return out;
	}
	if (conv) {
		snprintf(out, TEXTCS_MAX, "%s", s->loc);
		return out;
	}
	snprintf(out, TEXTCS_MAX, "%s", TEXTCS_UNKNOWN);
	return out;
}
