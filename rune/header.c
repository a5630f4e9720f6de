/* header.c: header fields of a received payload, as header.h says. */
#include <string.h>
#include <strings.h>

#include "header.h"

/* the line at p[i..n): its length without the ending, *next set past it */
static size_t
line_at(unsigned char const *p, size_t n, size_t i, size_t *next)
{
	unsigned char const *lf = memchr(p + i, '\n', n - i);
	size_t len = lf ? (size_t)(lf - (p + i)) : n - i;

	*next = lf ? i + len + 1 : n;
	if (len > 0 && p[i + len - 1] == '\r')
		len--;
	return len;
}

/* appends p[0..len) to out[*o..max); 0 when it does not fit or holds an
 * octet outside printable US-ASCII and tab */
static int
add(char *out, size_t *o, size_t max, unsigned char const *p, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++) {
		if ((p[k] < 0x20 && p[k] != '\t') || p[k] > 0x7e)
			return 0;
		if (*o + 1 >= max)
			return 0;
		out[(*o)++] = p[k] == '\t' ? ' ' : (char)p[k];
	}
	return 1;
}

int
header_get(unsigned char const *p, size_t n, char const *name, char *out,
    size_t max)
{
	size_t i = 0, next, len, nl = strlen(name), o = 0, a, b;
	int in = 0;

	while (i < n) {
		len = line_at(p, n, i, &next);
		if (len == 0)
			break;
		if (p[i] == ' ' || p[i] == '\t') {
			if (in && !add(out, &o, max, p + i, len))
				return 0;
		} else if (in) {
			break;
		} else if (len > nl && p[i + nl] == ':' &&
		    strncasecmp((char const *)p + i, name, nl) == 0) {
			in = 1;
			if (!add(out, &o, max, p + i + nl + 1, len - nl - 1))
				return 0;
		}
		i = next;
	}
	if (!in)
		return 0;
	for (a = 0; a < o && out[a] == ' '; a++)
		;
	for (b = o; b > a && out[b - 1] == ' '; b--)
		;
	memmove(out, out + a, b - a);
	out[b - a] = '\0';
	return b > a;
}
