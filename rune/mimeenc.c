/* mimeenc.c: the encodings of mimeenc.h. */
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "die.h"
#include "mimeenc.h"
#include "rune.h"

#define QP_COLS 76
#define B64_RAW 57		/* octets per 76-character line */
#define WORD_RAW 39		/* octets per encoded word: 52 characters */
#define PLAIN_MAX 900		/* a longer header value is encoded */

static char const hexdig[] = "0123456789ABCDEF";

int
mimeenc_is_7bit(unsigned char const *p, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			col = 0;
			continue;
		}
		if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if ((p[i] < 0x20 && p[i] != '\t') || p[i] > 0x7e)
			return 0;
		if (++col > MIMEENC_LINE_MAX)
			return 0;
	}
	return 1;
}

/* the length of the line at p[0..n) and, in *next, where the next
 * starts; a CR before the LF is not part of the line */
static size_t
line_len(unsigned char const *p, size_t n, size_t *next)
{
	unsigned char const *lf = memchr(p, '\n', n);
	size_t len = lf ? (size_t)(lf - p) : n;

	*next = lf ? len + 1 : n;
	if (lf && len > 0 && p[len - 1] == '\r')
		len--;
	return len;
}

void
mimeenc_crlf(struct buf *out, unsigned char const *p, size_t n)
{
	size_t len, next;

	while (n > 0) {
		len = line_len(p, n, &next);
		buf_put(out, p, len);
		buf_put(out, "\r\n", 2);
		p += next;
		n -= next;
	}
}

size_t
mimeenc_qp_octet(char t[3], unsigned char c, int last)
{
	if ((c >= 33 && c <= 126 && c != '=') ||
	    ((c == ' ' || c == '\t') && !last)) {
		t[0] = (char)c;
		return 1;
	}
	t[0] = '=';
	t[1] = hexdig[c >> 4];
	t[2] = hexdig[c & 15];
	return 3;
}

void
mimeenc_qp(struct buf *out, unsigned char const *p, size_t n)
{
	size_t len, next, i, col;
	char t[3];
	size_t k;

	while (n > 0) {
		len = line_len(p, n, &next);
		col = 0;
		for (i = 0; i < len; i++) {
			unsigned char c = p[i];
			int last = i + 1 == len;

			k = mimeenc_qp_octet(t, c, last);
			/* room for a soft break "=" at column 76 */
			if (col + k > QP_COLS - 1) {
				buf_put(out, "=\r\n", 3);
				col = 0;
			}
			buf_put(out, t, k);
			col += k;
		}
		buf_put(out, "\r\n", 2);
		p += next;
		n -= next;
	}
}

void
mimeenc_b64(struct buf *out, unsigned char const *p, size_t n)
{
	char line[sodium_base64_ENCODED_LEN(B64_RAW,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t k;

	while (n > 0) {
		k = n < B64_RAW ? n : B64_RAW;
		sodium_bin2base64(line, sizeof line, p, k,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_puts(out, line);
		buf_put(out, "\r\n", 2);
		p += k;
		n -= k;
	}
}

/* 1: s[0..n) may stand in a header as it is */
static int
plain(char const *s, size_t n)
{
	size_t i;

	if (n > PLAIN_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e ||
		    (s[i] == '=' && i + 1 < n && s[i + 1] == '?'))
			return 0;
	return 1;
}

void
mimeenc_header_text(struct buf *out, char const *s, size_t n)
{
	char w[sodium_base64_ENCODED_LEN(WORD_RAW,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t k;
	int first = 1;

	if (plain(s, n)) {
		buf_put(out, s, n);
		return;
	}
	while (n > 0) {
		k = n < WORD_RAW ? n : WORD_RAW;
		/* never end a word inside a UTF-8 sequence */
		while (k < n && k > 1 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		sodium_bin2base64(w, sizeof w, (unsigned char const *)s, k,
		    sodium_base64_VARIANT_ORIGINAL);
		if (!first)
			buf_put(out, "\r\n ", 3);
		buf_fmt(out, "=?UTF-8?B?%s?=", w);
		first = 0;
		s += k;
		n -= k;
	}
}

void
mimeenc_param(struct buf *out, char const *param, char const *name)
{
	size_t i, n = strlen(name);
	int simple = n > 0 && n <= 200;
	unsigned char c;

	for (i = 0; i < n && simple; i++) {
		c = (unsigned char)name[i];
		simple = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
	}
	if (simple) {
		buf_fmt(out, ";\r\n\t%s=\"%s\"", param, name);
		return;
	}
	buf_fmt(out, ";\r\n\t%s*=utf-8''", param);
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '_')
			buf_put(out, &c, 1);
		else
			buf_fmt(out, "%%%c%c", hexdig[c >> 4], hexdig[c & 15]);
	}
}

void
mimeenc_date(char out[MIMEENC_DATE_MAX], time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, MIMEENC_DATE_MAX, "%a, %d %b %Y %H:%M:%S %z",
	    &tm) == 0)
		die(RUNE_EXIT_TEMP, "unable to convert the time %lld",
		    (long long)t);
}

static struct {
	char const *ext, *type;
} const types[] = {
	{ "txt", "text/plain" },
	{ "text", "text/plain" },
	{ "md", "text/plain" },
	{ "log", "text/plain" },
	{ "patch", "text/x-diff" },
	{ "diff", "text/x-diff" },
	{ "html", "text/html" },
	{ "csv", "text/csv" },
	{ "pdf", "application/pdf" },
	{ "zip", "application/zip" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
};

char const *
mimeenc_type(char const *name)
{
	char const *dot = strrchr(name, '.');
	size_t i;

	if (dot != NULL && dot != name)
		for (i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

int
mimeenc_utf8_ok(unsigned char const *p, size_t n)
{
	size_t i = 0, k, len;
	unsigned long c, min;

	while (i < n) {
		c = p[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			c &= 0x1f;
			min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3;
			c &= 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			c &= 0x07;
			min = 0x10000;
		} else {
			return 0;
		}
		if (len > n - i)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

void
mimeenc_att_type(struct buf *out, char const *name, unsigned char const *p,
    size_t n)
{
	char const *t = mimeenc_type(name);
	size_t i;

	if (strncmp(t, "text/", 5) != 0) {
		buf_puts(out, t);
		return;
	}
	for (i = 0; i < n && p[i] != 0 && p[i] < 0x80; i++)
		;
	if (i == n)
		buf_fmt(out, "%s; charset=us-ascii", t);
	else if (mimeenc_utf8_ok(p, n))
		buf_fmt(out, "%s; charset=utf-8", t);
	else
		buf_puts(out, "application/octet-stream");
}
