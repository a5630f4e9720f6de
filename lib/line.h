/* line.h: the bounded line reader (3, 13.10), over any byte source. */
#ifndef LINE_H
#define LINE_H

#include <stddef.h>
#include "rune.h"

/* a source: returns octets read (> 0), 0 at end of input, -1 on error
 * (errno ETIMEDOUT when a deadline passed) */
typedef long (*line_readfn)(void *ctx, unsigned char *buf, size_t len);

struct line {
	line_readfn read;
	void *ctx;
	size_t max;		/* line limit with its ending */
	unsigned char buf[RUNE_LINE_MAX + 1];
	size_t have;		/* octets buffered */
	size_t used;		/* octets of the last line handed out */
	int crlf;		/* 1: the last line ended CRLF, 0: bare LF */
};

enum line_result {
	LINE_OK = 1,		/* a line, without its ending, NUL-terminated */
	LINE_EOF = 0,		/* end of input (a partial line is dropped) */
	LINE_ERR = -1,		/* read error, errno set */
	LINE_LONG = -2		/* max octets without LF: too long */
};

/* sets up l over read(ctx); max is the limit with the ending, counted as
 * received (1024: 1022 + CRLF or 1023 + LF); 1 <= max <= RUNE_LINE_MAX,
 * a larger max is taken as RUNE_LINE_MAX */
void line_init(struct line *l, line_readfn read, void *ctx, size_t max);

/* the next line, CRLF or bare LF, the limit enforced while reading (never
 * more than max octets are buffered).  On LINE_OK *s points into l, valid
 * until the next call on l, and holds *len octets without the ending, then
 * a NUL.  The line may itself hold NUL octets (the caller refuses them):
 * *len is authoritative, not strlen.  Octets read beyond the line stay
 * buffered for the next call; the octets of a consumed line are wiped.
 * After LINE_LONG the stream has no line boundary left: the caller
 * closes (414). */
enum line_result line_get(struct line *l, char **s, size_t *len);

/* after line_get gave LINE_EOF: the octets of a last line that had no
 * LF, as line_get hands out a line (a final CR dropped, NUL-ended, valid
 * until the next call on l, wiped then); 1 such a line, 0 none */
int line_tail(struct line *l, char **s, size_t *len);

/* reads exactly n octets after the last line, buffered ones first, then
 * from the source; 1 done, 0 EOF first, -1 error (errno set) */
int line_read_exact(struct line *l, unsigned char *out, size_t n);

/* octets already buffered beyond the last line */
size_t line_pending(struct line const *l);

#endif
