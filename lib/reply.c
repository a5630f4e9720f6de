/* reply.c: coded replies (section 4): "CODE SP TEXT CRLF", multi-line
 * "CODE-TEXT CRLF" ... then a final "CODE SP TEXT CRLF". */
#include <string.h>

#include "reply.h"
#include "tok.h"

#define REPLY_HDR 4	/* three digits and SP or '-' */
#define STR(x) STR2(x)
#define STR2(x) #x

size_t
reply_fmt(char *out, size_t outmax, int code, int more, char const *text)
{
	size_t n = strlen(text), len;

	if (code < 200 || code > 599 || !tok_printable(text, n))
		return 0;
	if (n > RUNE_LINE_MAX - REPLY_HDR - 2)
		return 0;
	len = REPLY_HDR + n + 2;
	if (len >= outmax)
		return 0;
	out[0] = (char)('0' + code / 100);
	out[1] = (char)('0' + code / 10 % 10);
	out[2] = (char)('0' + code % 10);
	out[3] = more ? '-' : ' ';
	memcpy(out + REPLY_HDR, text, n);
	out[REPLY_HDR + n] = '\r';
	out[REPLY_HDR + n + 1] = '\n';
	out[len] = '\0';
	return len;
}

/* the code of a reply line s[0..len), or 0 when it is not one */
static int
line_code(char const *s, size_t len)
{
	if (len < REPLY_HDR)
		return 0;
	if (s[0] < '2' || s[0] > '5' || s[1] < '0' || s[1] > '9' ||
	    s[2] < '0' || s[2] > '9')
		return 0;
	if (s[3] != ' ' && s[3] != '-')
		return 0;
	if (!tok_printable(s + REPLY_HDR, len - REPLY_HDR))
		return 0;
	return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

int
reply_read(struct line *l, struct reply *r)
{
	char *s;
	size_t len;
	int code;

	r->code = 0;
	r->nlines = 0;
	r->total = 0;
	r->why = NULL;
	for (;;) {
		if (r->total == REPLY_TOTAL_MAX)
			return r->why = "more than " STR(REPLY_TOTAL_MAX) " lines", 0;
		switch (line_get(l, &s, &len)) {
		case LINE_OK:
			break;
		case LINE_LONG:
			return r->why = "a line too long", 0;
		default:
			return -1;
		}
		if (!l->crlf)
			return r->why = "a line not ended by CRLF", 0;
		code = line_code(s, len);
		if (code == 0)
			return r->why = "not a reply line", 0;
		if (r->total > 0 && code != r->code)
			return r->why = "a line with another code", 0;
		r->code = code;
		if (r->nlines < REPLY_LINES_MAX) {
			/* len < RUNE_LINE_MAX: the line reader's limit */
			memcpy(r->text[r->nlines], s + REPLY_HDR,
			    len - REPLY_HDR + 1);
			r->nlines++;
		}
		r->total++;
		if (s[3] == ' ')
			return 1;
	}
}

struct memsrc {
	char const *p;
	size_t len;
	size_t pos;
};

static long
mem_read(void *ctx, unsigned char *buf, size_t len)
{
	struct memsrc *m = ctx;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	if (n > 0)
		memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (long)n;
}

int
reply_parse(struct reply *r, char const *w, size_t len)
{
	struct memsrc m = { w, len, 0 };
	struct line l;

	line_init(&l, mem_read, &m, RUNE_LINE_MAX);
	if (reply_read(&l, r) != 1)
		return 0;
	return line_pending(&l) == 0 && m.pos == m.len;
}
