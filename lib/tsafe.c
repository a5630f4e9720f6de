/* tsafe.c: terminal-safe text, as tsafe.h says. */
#include <stdint.h>

#include "tsafe.h"

/* 1: the code point is one a terminal acts on (C1, bidi controls) */
static int
acted_on(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

size_t
tsafe_len(unsigned char const *p, size_t n, int flags, int *ok)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;
	uint32_t cp;

	*ok = 0;
	if (c < 0x80) {
		*ok = (c >= 0x20 && c < 0x7f) || c == '\t' ||
		    (c == '\n' && (flags & TSAFE_LF));
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* no overlong forms */
		if (c == 0xed)
			hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;	/* at most U+10FFFF */
	} else {
		return 1;		/* a continuation, C0, C1, F5-FF */
	}
	if (n <= need)
		return 1;
	for (i = 1; i <= need; i++) {
		if (p[i] < lo || p[i] > hi)
			return 1;	/* the lead octet alone is bad */
		lo = 0x80;
		hi = 0xbf;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	*ok = !acted_on(cp);
	return need + 1;
}

int
tsafe_put(FILE *f, unsigned char const *p, size_t n, int flags)
{
	size_t i = 0, k;
	int ok;

	while (i < n) {
		if ((flags & TSAFE_LF) && p[i] == '\r' && i + 1 < n &&
		    p[i + 1] == '\n') {
			i++;
			continue;
		}
		k = tsafe_len(p + i, n - i, flags, &ok);
		if (ok ? fwrite(p + i, 1, k, f) != k : putc('?', f) == EOF)
			return 0;
		i += k;
	}
	return 1;
}

size_t
tsafe_fix(char *s, size_t n, int flags)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, o = 0, k;
	int ok;

	while (i < n) {
		k = tsafe_len(p + i, n - i, flags, &ok);
		if (ok) {
			while (k-- > 0)
				p[o++] = p[i++];
		} else {
			p[o++] = '?';
			i += k;
		}
	}
	return o;
}
