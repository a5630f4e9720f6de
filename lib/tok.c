/* tok.c: a command line into its verb and arguments (section 3). */
#include <string.h>

#include "tok.h"

int
tok_printable(char const *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

int
tok_split(struct tok *v, int max, char const *s, size_t len)
{
	size_t i = 0, start;
	int n = 0;

	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			return n;
		if (n == max)
			return -1;
		start = i;
		while (i < len && s[i] != ' ')
			i++;
		v[n].s = s + start;
		v[n].len = i - start;
		n++;
	}
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int
tok_is(struct tok const *t, char const *w)
{
	size_t n = strlen(w), i;

	if (t->len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(t->s[i]) != lower(w[i]))
			return 0;
	return 1;
}

int
tok_word(struct tok const *t, char const *w)
{
	return t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

int
tok_request(struct tok *v, int max, char const *s, size_t len, int crlf)
{
	size_t sum = 0;
	int n, i;

	if (crlf || len == 0 || !tok_printable(s, len))
		return -1;
	n = tok_split(v, max, s, len);
	for (i = 0; i < n; i++)
		sum += v[i].len;
	if (n <= 0 || s[0] == ' ' || sum + (size_t)n - 1 != len)
		return -1;
	return n;
}
