/* msgwalk.c: a payload walked in memory, as msgwalk.h says. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "encwords.h"
#include "mimepart.h"
#include "msgwalk.h"

/* the text's length and last octet so far, written or kept */
uint64_t
msgwalk_tlen(struct msgwalk const *w)
{
	return w->tdone + w->text->len;
}

unsigned char
msgwalk_tlast(struct msgwalk const *w)
{
	return w->text->len > 0 ? w->text->s[w->text->len - 1] : w->tlast;
}

static void
child(unsigned char const *p, size_t n, void *arg)
{
	struct msgwalk *w = arg;

	msgwalk_part(p, n, w, w->depth);
}

/* a multipart/alternative: its first text/plain part, else its first
 * part */
struct alt {
	unsigned char const *p, *first;
	size_t n, firstn;
};

static void
alt_child(unsigned char const *p, size_t n, void *arg)
{
	struct alt *a = arg;
	struct mimepart m;
	char type[MIMEPART_TYPE_MAX];

	if (a->first == NULL) {
		a->first = p;
		a->firstn = n;
	}
	mimepart_split(&m, p, n);
	mimepart_type(&m, type);
	if (a->p == NULL && strcmp(type, "text/plain") == 0) {
		a->p = p;
		a->n = n;
	}
}

/* the name the sender gave the part (filename, else name), decoded */
void
msgwalk_name(struct mimepart const *m, struct buf *out)
{
	struct buf v = { 0 }, raw = { 0 };
	char cs[32];
	int got = 0;

	if (mimepart_field(m, "Content-Disposition", &v))
		got = mimepart_param(v.s, v.len, "filename", &raw, cs);
	if (!got && mimepart_field(m, "Content-Type", &v))
		got = mimepart_param(v.s, v.len, "name", &raw, cs);
	if (got && cs[0] != '\0')
		charset_utf8(cs, raw.s, raw.len, out);
	else if (got)
		encwords_decode(raw.s, raw.len, out);
	buf_free(&v);
	buf_free(&raw);
}

/* appends in to out with every CRLF made LF */
void
msgwalk_crlf(struct buf *out, struct buf const *in)
{
	size_t i;

	for (i = 0; i < in->len; i++)
		if (!(in->s[i] == '\r' && i + 1 < in->len &&
		    in->s[i + 1] == '\n'))
			buf_put(out, in->s + i, 1);
}

int
msgwalk_is_attachment(struct mimepart const *m)
{
	struct buf v = { 0 };
	int r;

	r = mimepart_field(m, "Content-Disposition", &v) &&
	    strncasecmp((char const *)v.s, "attachment", 10) == 0;
	buf_free(&v);
	return r;
}

int
msgwalk_multipart(struct mimepart const *m, char const *type, int depth,
    struct buf *v, struct buf *b)
{
	return strncmp(type, "multipart/", 10) == 0 &&
	    depth < MIMEPART_DEPTH_MAX &&
	    mimepart_field(m, "Content-Type", v) &&
	    mimepart_param(v->s, v->len, "boundary", b, NULL) && b->len > 0 &&
	    memchr(b->s, '\0', b->len) == NULL;
}

void
msgwalk_part(unsigned char const *p, size_t n, struct msgwalk *w, int depth)
{
	struct mimepart m;
	struct buf v = { 0 }, b = { 0 }, dec = { 0 };
	char type[MIMEPART_TYPE_MAX], cs[32];
	struct alt a = { 0 };
	struct msgwalk_att *t;
	int outer;

	mimepart_split(&m, p, n);
	mimepart_type(&m, type);
	if (msgwalk_multipart(&m, type, depth, &v, &b)) {
		outer = w->depth;
		w->depth = depth + 1;
		if (strcmp(type, "multipart/alternative") == 0) {
			mimepart_each(&m, (char *)b.s, alt_child, &a);
			if (a.p != NULL)
				msgwalk_part(a.p, a.n, w, depth + 1);
			else if (a.first != NULL)
				msgwalk_part(a.first, a.firstn, w, depth + 1);
		} else {
			mimepart_each(&m, (char *)b.s, child, w);
		}
		w->depth = outer;
		buf_free(&v);
		buf_free(&b);
		return;
	}
	if (strcmp(type, "text/plain") == 0 && !msgwalk_is_attachment(&m)) {
		mimepart_decode(&m, &dec);
		cs[0] = '\0';
		if (mimepart_field(&m, "Content-Type", &v))
			(void)mimepart_param(v.s, v.len, "charset", &b, NULL);
		if (b.len > 0 && b.len < sizeof cs)
			memcpy(cs, b.s, b.len + 1);
		if (w->ntext++ > 0)
			buf_puts(w->text, "\n");
		b.len = 0;
		charset_utf8(cs, dec.s, dec.len, &b);
		msgwalk_crlf(w->text, &b);
		if (msgwalk_tlen(w) > 0 && msgwalk_tlast(w) != '\n')
			buf_puts(w->text, "\n");
	} else if (w->natt < MSGVIEW_ATT_MAX) {
		t = &w->att[w->natt++];
		memset(t, 0, sizeof *t);
		t->p = p;
		t->n = n;
		memcpy(t->type, type, sizeof t->type);
		msgwalk_name(&m, &t->name);
		mimepart_decode(&m, &dec);
		t->size = dec.len;
	}
	buf_free(&v);
	buf_free(&b);
	buf_free(&dec);
}

void
msgwalk_free(struct msgwalk *w)
{
	size_t i;

	for (i = 0; i < w->natt; i++)
		buf_free(&w->att[i].name);
}