/* addr.c: section 3 addresses: USER@DOMAIN, each part 3-50 of
 * [A-Za-z0-9], canonical form lowercase. */
#include <string.h>

#include "addr.h"

static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
part_ok(size_t n)
{
	return n >= RUNE_ADDR_PART_MIN && n <= RUNE_ADDR_PART_MAX;
}

int
addr_parse(struct addr *a, char const *s, size_t len)
{
	size_t i, at = len, ats = 0;

	if (len == 0 || len > RUNE_ADDR_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '@') {
			if (ats++ == 0)
				at = i;
		} else if (!alnum(s[i]))
			return 0;
	}
	if (ats != 1 || !part_ok(at) || !part_ok(len - at - 1))
		return 0;
	for (i = 0; i < len; i++)
		a->s[i] = lower(s[i]);
	a->s[len] = '\0';
	a->len = len;
	a->at = at;
	return 1;
}

int
addr_domain_ok(char const *d, size_t len)
{
	size_t i;

	if (!part_ok(len))
		return 0;
	for (i = 0; i < len; i++)
		if (!alnum(d[i]))
			return 0;
	return 1;
}

int
addr_in_domain(struct addr const *a, char const *domain)
{
	size_t n = strlen(domain), i;
	char const *d = a->s + a->at + 1;

	if (n != a->len - a->at - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(domain[i]) != d[i])
			return 0;
	return 1;
}
