/* headersafe.c: a received payload's header section made safe, as headersafe.h
 * says. */
#include <string.h>
#include <strings.h>

#include "headersafe.h"

#define ORIG "X-Rune-Original-"

static char const *const renamed[] = {
	"From", "Sender", "Reply-To", "Return-Path", "Resent-From",
	"Resent-Sender", "Resent-Reply-To",
};

int
headersafe_renamed(char const *name, size_t len)
{
	size_t i;

	if (len >= 7 && strncasecmp(name, "X-Rune-", 7) == 0)
		return 1;
	for (i = 0; i < sizeof renamed / sizeof renamed[0]; i++)
		if (strlen(renamed[i]) == len &&
		    strncasecmp(name, renamed[i], len) == 0)
			return 1;
	return 0;
}

/* the length of the field name of the line l[0..len): the octets before
 * the colon, blanks before it not counted; 0 when the line is no field */
static size_t
field_name(unsigned char const *l, size_t len)
{
	unsigned char const *colon = memchr(l, ':', len);
	size_t k, i;

	if (colon == NULL)
		return 0;
	k = (size_t)(colon - l);
	while (k > 0 && (l[k - 1] == ' ' || l[k - 1] == '\t'))
		k--;
	for (i = 0; i < k; i++)
		if (l[i] < 0x21 || l[i] > 0x7e)
			return 0;
	return k;
}

/* appends l[0..len) with every control octet but tab as '?', and LF */
static void
put_line(struct buf *out, unsigned char const *l, size_t len)
{
	size_t i;

	buf_room(out, len + 1);
	for (i = 0; i < len; i++)
		out->s[out->len++] = (l[i] < 0x20 && l[i] != '\t') ||
		    l[i] == 0x7f ? '?' : l[i];
	out->s[out->len++] = '\n';
}

size_t
headersafe(struct buf *out, unsigned char const *p, size_t n)
{
	size_t i = 0, next, len, k;
	unsigned char const *lf, *colon;
	int in = 0;

	while (i < n) {
		lf = memchr(p + i, '\n', n - i);
		next = lf ? (size_t)(lf - p) + 1 : n;
		len = (lf ? next - 1 : n) - i;
		if (lf && len > 0 && p[i + len - 1] == '\r')
			len--;
		if (len == 0 && lf) {
			buf_put(out, "\n", 1);	/* the empty line */
			return next;
		}
		if (p[i] == ' ' || p[i] == '\t') {
			if (!in)
				break;
			put_line(out, p + i, len);
		} else if ((k = field_name(p + i, len)) > 0) {
			in = 1;
			if (headersafe_renamed((char const *)p + i, k)) {
				colon = memchr(p + i, ':', len);
				buf_puts(out, ORIG);
				buf_put(out, p + i, k);
				put_line(out, colon, len - (size_t)(colon -
				    (p + i)));
			} else {
				put_line(out, p + i, len);
			}
		} else {
			break;
		}
		i = next;
	}
	if (i < n)
		buf_put(out, "\n", 1);	/* the body starts at a non-field */
	return i;
}
