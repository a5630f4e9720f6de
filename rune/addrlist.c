/* addrlist.c: an address list, as addrlist.h says. */
#include <string.h>

#include "addrlist.h"

/* one mailbox v[0..n): the spec inside <>, else v trimmed */
static size_t
one(char const *v, size_t n, void (*fn)(char const *, size_t, void *),
    void *arg)
{
	char const *lt = NULL, *gt = NULL;
	size_t i, a = 0, b = n;
	int q = 0;

	for (i = 0; i < n; i++) {
		if (v[i] == '"' && (i == 0 || v[i - 1] != '\\'))
			q = !q;
		else if (!q && v[i] == '<')
			lt = v + i;
		else if (!q && v[i] == '>' && lt != NULL)
			gt = v + i;
	}
	if (lt != NULL && gt != NULL && gt > lt) {
		a = (size_t)(lt - v) + 1;
		b = (size_t)(gt - v);
	}
	while (a < b && (v[a] == ' ' || v[a] == '\t'))
		a++;
	while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
		b--;
	if (a == b)
		return 0;
	fn(v + a, b - a, arg);
	return 1;
}

size_t
addrlist_each(char const *v, size_t n,
    void (*fn)(char const *a, size_t len, void *arg), void *arg)
{
	char buf[1024];
	size_t i, o = 0, count = 0;
	int q = 0, angle = 0, paren = 0;

	for (i = 0; i <= n; i++) {
		char ch = i < n ? v[i] : ',';

		if (paren > 0) {	/* a comment: dropped */
			if (ch == '(')
				paren++;
			else if (ch == ')')
				paren--;
			if (i < n)
				continue;
			ch = ',';
		}
		if (ch == '"' && (i == 0 || v[i - 1] != '\\'))
			q = !q;
		else if (!q && ch == '(') {
			paren = 1;
			continue;
		} else if (!q && ch == '<')
			angle = 1;
		else if (!q && ch == '>')
			angle = 0;
		if (!q && !angle && ch == ':') {
			o = 0;	/* a group's name */
			continue;
		}
		if (!q && !angle && (ch == ',' || ch == ';')) {
			count += one(buf, o, fn, arg);
			o = 0;
			continue;
		}
		if (o < sizeof buf)
			buf[o++] = ch;
	}
	return count;
}
