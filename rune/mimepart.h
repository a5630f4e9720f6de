/* mimepart.h: reading a received MIME message (RFC 2045-2047, 2231, 5322):
 * one entity split into header and body, its fields unfolded, the
 * parameters of Content-Type and Content-Disposition, the body decoded
 * (quoted-printable, base64) and a multipart body cut into its parts.
 * Every function reads (pointer, length) with a check before each octet;
 * nothing is trusted. */
#ifndef MIMEPART_H
#define MIMEPART_H

#include <stddef.h>
#include "buf.h"

#define MIMEPART_TYPE_MAX 128
#define MIMEPART_DEPTH_MAX 8	/* nested multiparts shown at most */
#define MIMEPART_PARTS_MAX 1000	/* parts of one multipart at most */

struct mimepart {
	unsigned char const *head;	/* the header lines */
	size_t hlen;
	unsigned char const *body;	/* after the empty line */
	size_t blen;
};

/* splits p[0..n) at its first empty line (LF or CRLF); no empty line:
 * all header, empty body */
void mimepart_split(struct mimepart *m, unsigned char const *p, size_t n);

/* the first field name (any case) unfolded into out (cleared first; CR
 * and LF dropped, blanks at the ends trimmed): 1 found, 0 absent */
int mimepart_field(struct mimepart const *m, char const *name,
    struct buf *out);

/* as mimepart_field, the field name that comes nth (0: the first) among
 * those so called: 1 found, 0 there are not so many */
int mimepart_field_nth(struct mimepart const *m, char const *name,
    size_t nth, struct buf *out);

/* the media type "type/subtype" in lowercase into out (default
 * text/plain; anything unparsable is application/octet-stream) */
void mimepart_type(struct mimepart const *m, char out[MIMEPART_TYPE_MAX]);

/* the parameter name of a field value v[0..n) ("type; a=b; c=\"d\""),
 * RFC 2231 "name*=charset'lang'%XX" decoded to its octets (*charset,
 * when not NULL, set to the charset's first 31 characters, else ""):
 * 1 found (into out, cleared first), 0 absent */
int mimepart_param(unsigned char const *v, size_t n, char const *name,
    struct buf *out, char charset[32]);

/* the body decoded by its Content-Transfer-Encoding into out (appended):
 * quoted-printable and base64 leniently (what is not valid is skipped),
 * anything else as it is */
void mimepart_decode(struct mimepart const *m, struct buf *out);

/* a body decoded in pieces (rune read of a large message, msgview.h):
 * the pieces' output is the octets mimepart_decode gives for the body
 * whole, when each piece of a quoted-printable body is cut where
 * mimepart_dec_cut says (after a LF; a line longer than a piece is the
 * one place where they may differ) */
#define MIMEDEC_ID	0
#define MIMEDEC_QP	1
#define MIMEDEC_B64	2
struct mimedec {
	int enc;		/* MIMEDEC_* from Content-Transfer-Encoding */
	unsigned long acc;	/* base64: the bits not yet out */
	int bits;
	int stop;		/* base64: '=' seen, the rest ignored */
};

/* d for the body of m */
void mimepart_dec_init(struct mimedec *d, struct mimepart const *m);

/* how many of the n octets at p to decode now (the rest goes in front
 * of the next piece; at the body's end, all of them) */
size_t mimepart_dec_cut(struct mimedec const *d, unsigned char const *p,
    size_t n);

/* p[0..n) decoded, appended to out */
void mimepart_dec_put(struct mimedec *d, unsigned char const *p, size_t n,
    struct buf *out);

/* 1: the line p[0..len) is "--b" (b[0..bl)), *end 1 when it is "--b--";
 * blanks after allowed */
int mimepart_delim(unsigned char const *p, size_t len, char const *b,
    size_t bl, int *end);

/* the parts of a multipart body with boundary b: calls fn(part, arg) for
 * each, in order, at most MIMEPART_PARTS_MAX; returns their count */
size_t mimepart_each(struct mimepart const *m, char const *b,
    void (*fn)(unsigned char const *p, size_t n, void *arg), void *arg);

#endif
