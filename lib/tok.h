/* tok.h: splitting a command line into its verb and arguments. */
#ifndef TOK_H
#define TOK_H

#include <stddef.h>

struct tok {
	char const *s;
	size_t len;
};

/* 1: every octet of s[0..len) is printable US-ASCII (0x20-0x7e) */
int tok_printable(char const *s, size_t len);

/* splits s[0..len) at runs of spaces (only 0x20) into at most max
 * tokens, never empty ones (leading and trailing spaces are skipped);
 * returns the count, or -1 when there are more than max */
int tok_split(struct tok *v, int max, char const *s, size_t len);

/* 1: t equals the word w, compared case-insensitively */
int tok_is(struct tok const *t, char const *w);

/* 1: t is exactly the word w (case counts: a helper's request) */
int tok_word(struct tok const *t, char const *w);

/* splits a helper's request line s[0..len) (crlf: it ended CRLF) into
 * at most max fields: printable, fields apart by exactly one space, no
 * CR, not empty; the count of fields, or -1 */
int tok_request(struct tok *v, int max, char const *s, size_t len,
    int crlf);

#endif
