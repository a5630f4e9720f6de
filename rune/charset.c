/* charset.c: conversion to UTF-8, as charset.h says. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "charset.h"

static int
is_utf8(char const *cs)
{
	return cs == NULL || *cs == '\0' || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "us-ascii") == 0 ||
	    strcasecmp(cs, "ascii") == 0;
}

/* a charset name fit for iconv: letters, digits, '-', '_', '.', ':' */
static int
name_ok(char const *cs)
{
	size_t n = strlen(cs);

	if (n == 0 || n > 40)
		return 0;
	return strspn(cs, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_.:") == n;
}

static void
ascii_only(unsigned char const *p, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_put(out, p[i] < 0x80 ? p + i : (unsigned char const *)"?",
		    1);
}

void
charset_utf8(char const *cs, unsigned char const *p, size_t n,
    struct buf *out)
{
	iconv_t cd;
	char *in, *o;
	size_t inleft = n, oleft, r, used;

	if (is_utf8(cs)) {
		buf_put(out, p, n);
		return;
	}
	if (!name_ok(cs) || (cd = iconv_open("UTF-8", cs)) == (iconv_t)-1) {
		ascii_only(p, n, out);
		return;
	}
	in = (char *)(unsigned long)p;	/* iconv's prototype; not written */
	while (inleft > 0) {
		buf_room(out, 4 * inleft + 16);
		o = (char *)out->s + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		used = (size_t)((unsigned char *)o - (out->s + out->len));
		out->len += used;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL: one '?' for the octet, then on */
		buf_put(out, "?", 1);
		in++;
		inleft--;
	}
	out->s[out->len] = '\0';
	iconv_close(cd);
}
