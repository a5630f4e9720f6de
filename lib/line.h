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
};

enum line_result {
	LINE_OK = 1,		/* a line, without its ending, NUL-terminated */
	LINE_EOF = 0,		/* end of input (a partial line is dropped) */
	LINE_ERR = -1,		/* read error, errno set */
	LINE_LONG = -2		/* max octets without LF: too long */
};

/* max must be at most RUNE_LINE_MAX */
void line_init(struct line *l, line_readfn read, void *ctx, size_t max);

/* the next line, CRLF or bare LF; *s points into l and stays valid until
 * the next call; the line holds no ending */
enum line_result line_get(struct line *l, char **s, size_t *len);

/* reads exactly n octets, buffered ones first; 1 done, 0 EOF, -1 error */
int line_read_exact(struct line *l, unsigned char *out, size_t n);

/* octets already buffered beyond the last line */
size_t line_pending(struct line const *l);

#endif
