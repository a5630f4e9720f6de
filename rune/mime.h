/* mime.h: the RFC 5322 / MIME message rune sends as a payload. */
#ifndef MIME_H
#define MIME_H

#include <stddef.h>
#include "addr.h"
#include "buf.h"
#include "paytmp.h"
#include "textsrc.h"

struct mime_att {
	char const *name;		/* the file name shown (a basename) */
	unsigned char const *data;	/* NULL: read from fd (a regular
					 * file of len octets) as it is
					 * encoded; a text type only
					 * with src */
	size_t len;
	int fd;
	struct textsrc const *src;	/* not NULL: fd is src's file,
					 * the type found as it was
					 * copied (textsrc.h) */
};

struct mime_msg {
	struct addr const *from, *to;	/* to: the first of nto */
	size_t nto;			/* 0 taken as 1 */
	char const *subject;		/* NULL: none */
	int subject_raw;		/* 1: subject is header text already
					 * (printable US-ASCII, RFC 2047) */
	char const *in_reply_to;	/* "<...>", or NULL */
	char const *references;		/* "<...> <...>", or NULL */
	char const *charset;		/* the text's (textcs.h); NULL:
					 * utf-8 */
	unsigned char const *body;	/* text, LF or CRLF line ends */
	size_t bodylen;
	struct textsrc const *text;	/* not NULL: the text is in its
					 * file, not body (and the charset
					 * is its cs) */
	struct mime_att const *att;	/* natt attachments */
	size_t natt;
};

/* appends the whole message to out (with t, to t: out is its buffer,
 * flushed to t as it fills and at the end, left empty): From, To, Date (now), Subject,
 * Message-ID (<32 random hex digits@from's domain>), In-Reply-To and
 * References when given, MIME-Version; the body as text/plain in its
 * charset (7bit, or quoted-printable when it is not plain short-lined
 * ASCII),
 * inside multipart/mixed with base64 parts when there are attachments */
void mime_build(struct buf *out, struct paytmp *t,
    struct mime_msg const *m);

/* 1: s is fit for a Subject (no control characters); 0 otherwise */
int mime_subject_ok(char const *s);

#endif
