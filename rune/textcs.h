/* textcs.h: the charset a message's text goes out labelled with.  UTF-8
 * (US-ASCII is) as it is; a text that is not UTF-8 is taken to be in
 * the user's locale charset (nl_langinfo(CODESET) after setlocale) when
 * that is neither UTF-8 nor US-ASCII and the text converts from it
 * without an error; else its charset is unknown: "unknown-8bit" (RFC
 * 1428; doc/decisions.md says why that label). */
#ifndef TEXTCS_H
#define TEXTCS_H

#include <stddef.h>

#define TEXTCS_MAX 48
#define TEXTCS_UNKNOWN "unknown-8bit"

/* the charset of p[0..n) into out: "utf-8", the locale's charset, or
 * TEXTCS_UNKNOWN; returns out */
char const *textcs(unsigned char const *p, size_t n, char out[TEXTCS_MAX]);

/* the same verdict found piece by piece (textsrc.h): textcs_begin, then
 * textcs_piece for each piece in order, then textcs_end (which frees
 * what begin took); a multi-octet sequence may be split between pieces */
struct textcs_st {
	int utf8;		/* 1 while the octets are UTF-8 so far */
	unsigned need;		/* continuation octets the sequence needs */
	unsigned long c, min;	/* the sequence's code point so far */
	int nul;		/* a NUL seen */
	char loc[TEXTCS_MAX];	/* the locale's charset */
	void *cd;		/* iconv from loc, or NULL */
	int conv;		/* 1 while the octets convert from loc */
	unsigned char ic[16];	/* an incomplete sequence iconv waits on */
	size_t nic;
};

void textcs_begin(struct textcs_st *s);
void textcs_piece(struct textcs_st *s, unsigned char const *p, size_t n);
char const *textcs_end(struct textcs_st *s, char out[TEXTCS_MAX]);

#endif
