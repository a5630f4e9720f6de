/* hostport.c: HOST[:PORT] parsing.  A host is a DNS name of letters,
 * digits, '-' and '.', or an IP literal; the result never holds '/' and
 * is never "." or "..", so it is safe as a file name. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "hostport.h"
#include "num.h"
#include "rune.h"

static int
name_ok(char const *s, size_t len)
{
	size_t i;
	int alnum = 0;

	if (len == 0 || len > HOSTPORT_HOST_MAX || s[0] == '.' || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			alnum = 1;
		else if (c != '-' && c != '.')
			return 0;
		if (c == '.' && i + 1 < len && s[i + 1] == '.')
			return 0;
	}
	return alnum;
}

int
hostport_parse(struct hostport *hp, char const *s, size_t len)
{
	char const *host = s, *colon;
	size_t hlen = len, i;
	uint64_t port = RUNE_PORT;
	unsigned char ip6[16];
	int v6 = 0, n;

	memset(hp, 0, sizeof *hp);
	if (len > 0 && s[0] == '[') {
		char const *end = memchr(s, ']', len);

		if (end == NULL)
			return 0;
		host = s + 1;
		hlen = (size_t)(end - host);
		colon = end + 1 < s + len ? end + 1 : NULL;
		if (colon != NULL && *colon != ':')
			return 0;
		v6 = 1;
	} else {
		colon = memchr(s, ':', len);
		if (colon != NULL && memchr(colon + 1, ':',
		    len - (size_t)(colon + 1 - s)) != NULL)
			return 0;	/* bare IPv6: brackets needed */
		if (colon != NULL)
			hlen = (size_t)(colon - s);
	}
	if (colon != NULL && (!num_parse(&port, colon + 1,
	    len - (size_t)(colon + 1 - s)) || port == 0 || port > 65535))
		return 0;
	if (hlen == 0 || hlen > HOSTPORT_HOST_MAX)
		return 0;
	for (i = 0; i < hlen; i++) {
		char c = host[i];

		hp->host[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	hp->host[hlen] = '\0';
	if (v6) {
		if (inet_pton(AF_INET6, hp->host, ip6) != 1)
			return 0;
		hp->ip = 1;
	} else {
		if (!name_ok(hp->host, hlen))
			return 0;
		hp->ip = inet_pton(AF_INET, hp->host, ip6) == 1;
	}
	snprintf(hp->port, sizeof hp->port, "%u", (unsigned)port);
	n = snprintf(hp->name, sizeof hp->name, v6 ? "[%s]:%s" : "%s:%s",
	    hp->host, hp->port);
	return n > 0 && (size_t)n < sizeof hp->name;
}
