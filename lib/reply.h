/* reply.h: coded replies (section 4): writing and parsing. */
#ifndef REPLY_H
#define REPLY_H

#include <stddef.h>
#include "line.h"

#define REPLY_LINES_MAX 64	/* a client keeps at most this many lines */
#define REPLY_TOTAL_MAX 1000	/* and reads at most this many */

struct reply {
	int code;
	int nlines;		/* lines kept in text[] */
	long total;		/* lines received, may exceed nlines */
	char const *why;	/* after a malformed reply: what was wrong */
	char text[REPLY_LINES_MAX][RUNE_LINE_MAX];
};

/* formats "CODE TEXT\r\n" ("CODE-TEXT\r\n" when more) and a NUL into out;
 * returns its length without the NUL, 0 when code is not 200..599, text
 * holds an octet outside printable US-ASCII, the line would exceed
 * RUNE_LINE_MAX or it does not fit in outmax */
size_t reply_fmt(char *out, size_t outmax, int code, int more,
    char const *text);

/* reads one reply through l: lines "CODE-TEXT" then "CODE SP TEXT", each
 * ended by CRLF, CODE three digits 200..599 and the same on every line,
 * TEXT printable US-ASCII (possibly empty), at most REPLY_TOTAL_MAX
 * lines (a peer cannot keep a reply going forever); the greeting is not
 * a reply.  1 ok (r filled, text NUL-terminated), 0 malformed reply
 * (r->why says how), -1 read error or end of input (EOF mid-reply
 * included) */
int reply_read(struct line *l, struct reply *r);

/* parses one complete reply held in w[0..len) (for tests);
 * 1 ok and every octet used, 0 otherwise */
int reply_parse(struct reply *r, char const *w, size_t len);

#endif
