/* mimepart.c: a received MIME entity, as mimepart.h says. */
#include <string.h>
#include <strings.h>

#include "mimepart.h"

void
mimepart_split(struct mimepart *m, unsigned char const *p, size_t n)
{
	size_t i = 0;

	m->head = p;
	m->hlen = n;
	m->body = p + n;
	m->blen = 0;
	while (i < n) {
		/* i is at the start of a line */
		size_t e = i;

		if (p[e] == '\r' && e + 1 < n && p[e + 1] == '\n')
			e++;
		if (p[e] == '\n') {
			m->hlen = i;
			m->body = p + e + 1;
			m->blen = n - e - 1;
			return;
		}
		while (i < n && p[i] != '\n')
			i++;
		if (i < n)
			i++;
	}
}

/* the line at p[i..n): its length without LF, *next past it */
static size_t
line_at(unsigned char const *p, size_t n, size_t i, size_t *next)
{
	unsigned char const *lf = memchr(p + i, '\n', n - i);
	size_t len = lf ? (size_t)(lf - (p + i)) : n - i;

	*next = lf ? i + len + 1 : n;
	return len;
}

static void
add(struct buf *out, unsigned char const *p, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if (p[k] != '\r' && p[k] != '\n')
			buf_put(out, p[k] == '\t' ? (unsigned char const *)" " :
			    p + k, 1);
}

static void
trim(struct buf *out)
{
	size_t a = 0;

	while (out->len > 0 && out->s[out->len - 1] == ' ')
		out->len--;
	while (a < out->len && out->s[a] == ' ')
		a++;
	memmove(out->s, out->s + a, out->len - a);
	out->len -= a;
	if (out->s != NULL)
		out->s[out->len] = '\0';
}

int
mimepart_field(struct mimepart const *m, char const *name, struct buf *out)
{
	return mimepart_field_nth(m, name, 0, out);
}

int
mimepart_field_nth(struct mimepart const *m, char const *name, size_t nth,
    struct buf *out)
{
	unsigned char const *p = m->head;
	size_t n = m->hlen, i = 0, next, len, nl = strlen(name), k;
	int in = 0;

	out->len = 0;
	buf_room(out, 1);
	out->s[0] = '\0';
	while (i < n) {
		len = line_at(p, n, i, &next);
		if (len > 0 && (p[i] == ' ' || p[i] == '\t')) {
			if (in)
				add(out, p + i, len);
		} else if (in) {
			break;
		} else if (len > nl && strncasecmp((char const *)p + i, name,
		    nl) == 0) {
			for (k = i + nl; k < i + len && (p[k] == ' ' ||
			    p[k] == '\t'); k++)
				;
			if (k < i + len && p[k] == ':' && nth-- == 0) {
				in = 1;
				add(out, p + k + 1, i + len - k - 1);
			}
		}
		i = next;
	}
	if (in)
		trim(out);
	return in;
}

static int
tspecial(unsigned char c)
{
	return c <= ' ' || c >= 0x7f || strchr("()<>@,;:\\\"/[]?=", c) != 0;
}

void
mimepart_type(struct mimepart const *m, char out[MIMEPART_TYPE_MAX])
{
	struct buf v = { 0 };
	size_t i = 0, o = 0;
	int slash = 0;

	strcpy(out, "text/plain");
	if (!mimepart_field(m, "Content-Type", &v) || v.len == 0) {
		buf_free(&v);
		return;
	}
	for (; i < v.len && v.s[i] != ';' && v.s[i] != ' '; i++) {
		unsigned char c = v.s[i];

		if (c == '/' && !slash && o > 0) {
			slash = 1;
		} else if (tspecial(c) || o + 1 >= MIMEPART_TYPE_MAX) {
			o = 0;
			break;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[o] = '\0';
	if (!slash || o == 0 || out[o - 1] == '/')
		strcpy(out, "application/octet-stream");
	buf_free(&v);
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* the value at v[*i..n) (a token or a quoted string) into out */
static void
param_value(unsigned char const *v, size_t n, size_t *i, struct buf *out)
{
	if (*i < n && v[*i] == '"') {
		for ((*i)++; *i < n && v[*i] != '"'; (*i)++) {
			if (v[*i] == '\\' && *i + 1 < n)
				(*i)++;
			buf_put(out, v + *i, 1);
		}
		if (*i < n)
			(*i)++;
		return;
	}
	for (; *i < n && v[*i] != ';' && v[*i] != ' '; (*i)++)
		buf_put(out, v + *i, 1);
}

/* RFC 2231: "charset'lang'%XX..." in out decoded in place */
static void
ext_decode(struct buf *out, char charset[32])
{
	size_t i = 0, o = 0, q1, q2;
	int h, l;

	for (q1 = 0; q1 < out->len && out->s[q1] != '\''; q1++)
		;
	for (q2 = q1 + 1; q2 < out->len && out->s[q2] != '\''; q2++)
		;
	if (q2 >= out->len)
		return;	/* not the extended form: as it is */
	if (charset != NULL) {
		size_t k = q1 < 31 ? q1 : 31;

		memcpy(charset, out->s, k);
		charset[k] = '\0';
	}
	for (i = q2 + 1; i < out->len; i++) {
		if (out->s[i] == '%' && i + 2 < out->len &&
		    (h = hexval(out->s[i + 1])) >= 0 &&
		    (l = hexval(out->s[i + 2])) >= 0) {
			out->s[o++] = (unsigned char)(h * 16 + l);
			i += 2;
		} else {
			out->s[o++] = out->s[i];
		}
	}
	out->len = o;
	out->s[o] = '\0';
}

int
mimepart_param(unsigned char const *v, size_t n, char const *name,
    struct buf *out, char charset[32])
{
	size_t i = 0, nl = strlen(name), a;
	int ext;

	out->len = 0;
	if (charset != NULL)
		charset[0] = '\0';
	while (i < n) {
		while (i < n && v[i] != ';') {
			if (v[i] == '"')	/* skip a quoted string */
				for (i++; i < n && v[i] != '"'; i++)
					if (v[i] == '\\')
						i++;
			i++;
		}
		if (i >= n)
			break;
		for (i++; i < n && v[i] == ' '; i++)
			;
		a = i;
		if (n - a <= nl || strncasecmp((char const *)v + a, name,
		    nl) != 0)
			continue;
		i = a + nl;
		ext = i < n && v[i] == '*';
		if (ext)
			i++;
		while (i < n && v[i] == ' ')
			i++;
		if (i >= n || v[i] != '=')
			continue;
		for (i++; i < n && v[i] == ' '; i++)
			;
		param_value(v, n, &i, out);
		buf_room(out, 1);
		out->s[out->len] = '\0';
		if (ext)
			ext_decode(out, charset);
		return 1;
	}
	return 0;
}

static void
qp(unsigned char const *p, size_t n, struct buf *out)
{
	size_t i, e;
	int h, l;

	for (i = 0; i < n; i++) {
		if (p[i] != '=') {
			buf_put(out, p + i, 1);
			continue;
		}
		/* a soft line break: '=', blanks, then CRLF or LF */
		for (e = i + 1; e < n && (p[e] == ' ' || p[e] == '\t'); e++)
			;
		if (e < n && p[e] == '\r' && e + 1 < n && p[e + 1] == '\n')
			e++;
		if (e >= n || p[e] == '\n') {
			i = e;
			continue;
		}
		if (i + 2 < n && (h = hexval(p[i + 1])) >= 0 &&
		    (l = hexval(p[i + 2])) >= 0) {
			unsigned char c = (unsigned char)(h * 16 + l);

			buf_put(out, &c, 1);
			i += 2;
		} else {
			buf_put(out, p + i, 1);
		}
	}
}

static int
b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* base64 of p[0..n) into out, from the state d (one piece of a body
 * decoded in pieces: the same octets as the body decoded whole) */
static void
b64_piece(struct mimedec *d, unsigned char const *p, size_t n,
    struct buf *out)
{
	unsigned char c;
	size_t i;
	int v;

	buf_room(out, n / 4 * 3 + 3);
	for (i = 0; i < n && !d->stop; i++) {
		if (p[i] == '=') {
			d->stop = 1;
			break;
		}
		if ((v = b64val(p[i])) < 0)
			continue;
		d->acc = (d->acc << 6 | (unsigned long)v) & 0xffffff;
		d->bits += 6;
		if (d->bits >= 8) {
			d->bits -= 8;
			c = (unsigned char)(d->acc >> d->bits);
			buf_put(out, &c, 1);
		}
	}
}

static void
b64(unsigned char const *p, size_t n, struct buf *out)
{
	struct mimedec d = { 0 };

	b64_piece(&d, p, n, out);
}

void
mimepart_decode(struct mimepart const *m, struct buf *out)
{
	struct buf v = { 0 };

	mimepart_field(m, "Content-Transfer-Encoding", &v);
	if (v.len > 0 && strcasecmp((char *)v.s, "quoted-printable") == 0)
		qp(m->body, m->blen, out);
	else if (v.len > 0 && strcasecmp((char *)v.s, "base64") == 0)
		b64(m->body, m->blen, out);
	else
		buf_put(out, m->body, m->blen);
	buf_free(&v);
}

void
mimepart_dec_init(struct mimedec *d, struct mimepart const *m)
{
	struct buf v = { 0 };

	memset(d, 0, sizeof *d);
	mimepart_field(m, "Content-Transfer-Encoding", &v);
	if (v.len > 0 && strcasecmp((char *)v.s, "quoted-printable") == 0)
		d->enc = MIMEDEC_QP;
	else if (v.len > 0 && strcasecmp((char *)v.s, "base64") == 0)
		d->enc = MIMEDEC_B64;
	buf_free(&v);
}

size_t
mimepart_dec_cut(struct mimedec const *d, unsigned char const *p, size_t n)
{
	size_t k = n;

	if (d->enc != MIMEDEC_QP)
		return n;
	while (k > 0 && p[k - 1] != '\n')
		k--;
	return k > 0 ? k : n;	/* a line longer than the piece: cut */
}

void
mimepart_dec_put(struct mimedec *d, unsigned char const *p, size_t n,
    struct buf *out)
{
	if (d->enc == MIMEDEC_QP)
		qp(p, n, out);
	else if (d->enc == MIMEDEC_B64)
		b64_piece(d, p, n, out);
	else
		buf_put(out, p, n);
}

int
mimepart_delim(unsigned char const *p, size_t len, char const *b, size_t bl,
    int *end)
{
	size_t k;

	if (len < bl + 2 || p[0] != '-' || p[1] != '-' ||
	    memcmp(p + 2, b, bl) != 0)
		return 0;
	k = bl + 2;
	*end = len >= k + 2 && p[k] == '-' && p[k + 1] == '-';
	if (*end)
		k += 2;
	for (; k < len; k++)
		if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r')
			return 0;
	return 1;
}

size_t
mimepart_each(struct mimepart const *m, char const *b,
    void (*fn)(unsigned char const *p, size_t n, void *arg), void *arg)
{
	unsigned char const *p = m->body;
	size_t n = m->blen, i = 0, next, len, start = 0, count = 0, bl;
	int in = 0, end;

	bl = strlen(b);
	if (bl == 0)
		return 0;
	while (i < n) {
		len = line_at(p, n, i, &next);
		if (mimepart_delim(p + i, len, b, bl, &end)) {
			if (in && count < MIMEPART_PARTS_MAX) {
				/* the CRLF before the delimiter is its own */
				size_t e = i;

				if (e > start && p[e - 1] == '\n')
					e--;
				if (e > start && p[e - 1] == '\r')
					e--;
				fn(p + start, e - start, arg);
				count++;
			}
			if (end)
				return count;
			in = 1;
			start = next;
		}
		i = next;
	}
	if (in && start < n && count < MIMEPART_PARTS_MAX) {
		fn(p + start, n - start, arg);	/* no closing delimiter */
		count++;
	}
	return count;
}
