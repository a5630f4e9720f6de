/* socks5.c: CONNECT through a SOCKS5 proxy, as socks5.h says. */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "num.h"
#include "socks5.h"

#define VER		0x05
#define NOAUTH		0x00
#define NONE_OK		0xff
#define CMD_CONNECT	0x01
#define ATYP_V4		0x01
#define ATYP_NAME	0x03
#define ATYP_V6		0x04

int
socks5_parse(struct hostport *proxy, char const *s, size_t len)
{
	static char const *const scheme[] = { "socks5://", "socks5h://" };
	char const *c;
	size_t i, n;

	for (i = 0; i < 2; i++) {
		n = strlen(scheme[i]);
		if (len > n && strncasecmp(s, scheme[i], n) == 0)
			break;
	}
	if (i == 2)
		return 0;
	s += n;
	len -= n;
	if (len > 0 && s[len - 1] == '/')
		len--;	/* "socks5://host:9050/" */
	/* the port is required: a proxy has no RUNE port */
	for (c = s + len; c > s && c[-1] != ':' && c[-1] != ']'; c--)
		;
	if (c == s || c[-1] != ':')
		return 0;
	return hostport_parse(proxy, s, len);
}

/* waits until fd is ready for ev or end passes: 1 ready, 0 (errno) */
static int
wait_fd(int fd, short ev, long long end)
{
	for (;;) {
		struct pollfd p = { fd, ev, 0 };
		long long left = end - clock_ms();
		int r;

		if (left <= 0)
			return errno = ETIMEDOUT, 0;
		r = poll(&p, 1, left > 86400000 ? 86400000 : (int)left);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return 0;
	}
}

static int
put(int fd, unsigned char const *p, size_t n, long long end)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w > 0) {
			p += w;
			n -= (size_t)w;
		} else if (w < 0 && errno != EAGAIN && errno != EINTR)
			return 0;
		else if (!wait_fd(fd, POLLOUT, end))
			return 0;
	}
	return 1;
}

/* exactly n octets; 0 with errno (0: the proxy closed) */
static int
get(int fd, unsigned char *p, size_t n, long long end)
{
	ssize_t r;

	while (n > 0) {
		r = read(fd, p, n);
		if (r > 0) {
			p += r;
			n -= (size_t)r;
		} else if (r == 0)
			return errno = 0, 0;
		else if (errno != EAGAIN && errno != EINTR)
			return 0;
		else if (!wait_fd(fd, POLLIN, end))
			return 0;
	}
	return 1;
}

/* RFC 1928 section 6's reply codes */
static char const *
refusal(unsigned rep)
{
	static char const *const text[] = { "", "general SOCKS server failure",
	    "connection not allowed by ruleset", "network unreachable",
	    "host unreachable", "connection refused", "TTL expired",
	    "command not supported", "address type not supported" };

	return rep < sizeof text / sizeof text[0] ? text[rep] :
	    "an unknown reply code";
}

static int
lost(char *why, size_t whymax, char const *what)
{
	snprintf(why, whymax, "SOCKS5 proxy: %s: %s", what,
	    errno == 0 ? "the proxy closed the connection" :
	    errno == ETIMEDOUT ? "timed out" : strerror(errno));
	return 0;
}

int
socks5_connect(int fd, struct hostport const *hp, long long end,
    char *why, size_t whymax)
{
	unsigned char req[4 + 1 + 255 + 2], rep[4 + 1 + 255 + 2];
	size_t n = 0, hl = strlen(hp->host), at = 4, alen;
	uint64_t port;

	if (!num_parse(&port, hp->port, strlen(hp->port)) || port == 0 ||
	    port > 65535 || hl > 255) {
		snprintf(why, whymax, "SOCKS5 proxy: cannot name %s", hp->name);
		return 0;
	}
	req[0] = VER;
	req[1] = 1;		/* one method: */
	req[2] = NOAUTH;
	if (!put(fd, req, 3, end))
		return lost(why, whymax, "sending the greeting");
	if (!get(fd, rep, 2, end))
		return lost(why, whymax, "reading its method");
	if (rep[0] != VER) {
		snprintf(why, whymax, "SOCKS5 proxy: not a SOCKS5 proxy "
		    "(version octet %u)", rep[0]);
		return 0;
	}
	if (rep[1] != NOAUTH) {
		snprintf(why, whymax, "SOCKS5 proxy: it wants %s, and rune "
		    "only talks to a proxy without authentication",
		    rep[1] == NONE_OK ? "a method rune does not offer" :
		    "authentication");
		return 0;
	}
	req[n++] = VER;
	req[n++] = CMD_CONNECT;
	req[n++] = 0;		/* reserved */
	if (hp->ip && inet_pton(AF_INET, hp->host, req + n + 1) == 1) {
		req[n++] = ATYP_V4;
		n += 4;
	} else if (hp->ip && inet_pton(AF_INET6, hp->host, req + n + 1) == 1) {
		req[n++] = ATYP_V6;
		n += 16;
	} else {
		/* the name as it is: the proxy resolves it (socks5h) */
		req[n++] = ATYP_NAME;
		req[n++] = (unsigned char)hl;
		memcpy(req + n, hp->host, hl);
		n += hl;
	}
	req[n++] = (unsigned char)(port >> 8);
	req[n++] = (unsigned char)port;
	if (!put(fd, req, n, end))
		return lost(why, whymax, "sending CONNECT");
	/* VER REP RSV ATYP, then the bound address and port */
	if (!get(fd, rep, 4, end))
		return lost(why, whymax, "reading its reply");
	if (rep[0] != VER) {
		snprintf(why, whymax, "SOCKS5 proxy: a malformed reply "
		    "(version octet %u)", rep[0]);
		return 0;
	}
	if (rep[1] != 0) {
		snprintf(why, whymax, "SOCKS5 proxy: it could not connect to "
		    "%s: %s (reply %u)", hp->name, refusal(rep[1]), rep[1]);
		return 0;
	}
	if (rep[2] != 0 || (rep[3] != ATYP_V4 && rep[3] != ATYP_NAME &&
	    rep[3] != ATYP_V6)) {
		snprintf(why, whymax, "SOCKS5 proxy: a malformed reply "
		    "(reserved octet %u, address type %u)", rep[2], rep[3]);
		return 0;
	}
	if (rep[3] == ATYP_NAME) {
		if (!get(fd, rep + 4, 1, end))
			return lost(why, whymax, "reading its reply");
		if (rep[4] == 0) {
			snprintf(why, whymax, "SOCKS5 proxy: a malformed reply "
			    "(an empty bound name)");
			return 0;
		}
		at = 5;
		alen = rep[4];
	} else
		alen = rep[3] == ATYP_V4 ? 4 : 16;
	/* at + alen + 2 <= 5 + 255 + 2 = sizeof rep */
	if (!get(fd, rep + at, alen + 2, end))
		return lost(why, whymax, "reading its reply");
	return 1;
}
