/* msgwalk.h: a received payload walked as rune read shows it (msgview.h):
 * its text parts decoded and made UTF-8 with LF line ends, appended to
 * one text, every other part noted as an attachment; in memory here, a
 * large payload's parts in its file by msgfile.c, which reads the parts
 * it finds small enough and walks them here. */
#ifndef MSGWALK_H
#define MSGWALK_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "mimepart.h"
#include "msgview.h"

struct paytmp;

struct msgwalk_att {
	unsigned char const *p;	/* the whole part (NULL: in the file, n
				 * octets from off) */
	size_t n;
	uint64_t off;
	char type[MIMEPART_TYPE_MAX];
	struct buf name;	/* decoded, as the sender wrote it */
	size_t size;		/* decoded */
};

struct msgwalk {
	struct buf *text;	/* the text parts, UTF-8 */
	unsigned ntext;
	/* a large payload walked in its file (msgfile.h): */
	struct paytmp *f;
	int out;		/* 1: text to stdout as it comes */
	size_t max;		/* else: text kept up to max + 1 octets */
	size_t win;		/* a part of at most win octets read whole */
	uint64_t tdone;		/* text octets written to stdout */
	unsigned char tlast;	/* the last of them */
	struct msgwalk_att att[MSGVIEW_ATT_MAX];
	size_t natt;
	int depth;		/* of the multipart's children */
	/* saves attachment t, which is in the file (p NULL), into fd: 1
	 * ok, 0 write error (msgfile.c) */
	int (*fsave)(struct msgwalk *w, struct msgwalk_att const *t, int fd);
};


/* walks the part p[0..n) at depth into w (its text appended to
 * w->text, its attachments to w->att) */
void msgwalk_part(unsigned char const *p, size_t n, struct msgwalk *w,
    int depth);

/* frees what w holds but the text */
void msgwalk_free(struct msgwalk *w);

/* the text's length and last octet so far, written (msgfile.c) or kept */
uint64_t msgwalk_tlen(struct msgwalk const *w);
unsigned char msgwalk_tlast(struct msgwalk const *w);

/* the name the sender gave the part m (filename, else name), decoded,
 * into out */
void msgwalk_name(struct mimepart const *m, struct buf *out);

/* appends in to out with every CRLF made LF */
void msgwalk_crlf(struct buf *out, struct buf const *in);

/* 1: m's Content-Disposition says attachment */
int msgwalk_is_attachment(struct mimepart const *m);

/* 1: m (of type, depth levels down) is a multipart to walk: its
 * Content-Type in v, a boundary in b with no NUL (both the caller's to
 * free) */
int msgwalk_multipart(struct mimepart const *m, char const *type, int depth,
    struct buf *v, struct buf *b);

#endif
