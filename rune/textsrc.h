/* textsrc.h: a text part (the message's text, an attachment that is not
 * read from its own regular file) in bounded memory.  Its octets are
 * copied from their source into an unnamed temporary file (paytmp.h) in
 * pieces, and that one pass finds all the part's headers need: the
 * charset textcs() would give, whether mimeenc_is_7bit() holds, and the
 * Content-Type mimeenc_att_type() would give.  The part is then encoded
 * from that file in pieces (textsrc_crlf, textsrc_qp; an attachment
 * through mime.c's base64 stream), octet for octet what the whole-buffer
 * functions make of the same text. */
#ifndef TEXTSRC_H
#define TEXTSRC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "home.h"
#include "paytmp.h"
#include "textcs.h"

struct textsrc {
	struct paytmp f;	/* the octets, f.n of them */
	char cs[TEXTCS_MAX];	/* as textcs() */
	int seven;		/* as mimeenc_is_7bit() */
	int ascii;		/* US-ASCII without NUL */
	int utf8;		/* as mimeenc_utf8_ok() */
	unsigned char last;	/* the last octet (f.n > 0) */
};

/* the octets read and written at a time (a test may make it smaller) */
extern size_t textsrc_piece;

/* copies all of fd (name: for messages) into s's file, in pieces;
 * exits 100 when it holds more than COMPOSE_FILE_MAX octets, 111 on a
 * read or write error */
void textsrc_fd(struct textsrc *s, int fd, char const *name,
    struct home const *h);

/* the file path opened to read (0 for "-": stdin); exits 100 when it is
 * not a readable file or is a directory, 111 on another error */
int textsrc_open(char const *path);

/* as textsrc_fd from the file path ("-": stdin); exits 100 when it is
 * not a readable file */
void textsrc_path(struct textsrc *s, char const *path, struct home const *h);

/* as textsrc_fd from p[0..n) (a test's) */
void textsrc_mem(struct textsrc *s, unsigned char const *p, size_t n,
    struct home const *h);

/* appends the attachment's Content-Type (as mimeenc_att_type) */
void textsrc_att_type(struct buf *out, char const *name,
    struct textsrc const *s);

/* 1: the string str occurs in the octets */
int textsrc_has(struct textsrc const *s, char const *str);

/* the octets as mimeenc_crlf / mimeenc_qp would append them, to out;
 * out is flushed to t (when t is not NULL) whenever it holds a piece */
void textsrc_crlf(struct textsrc const *s, struct buf *out, struct paytmp *t);
void textsrc_qp(struct textsrc const *s, struct buf *out, struct paytmp *t);

void textsrc_close(struct textsrc *s);

#endif
