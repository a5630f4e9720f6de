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
