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

#endif
