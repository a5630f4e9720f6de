/* net.c: resolving a server's name and connecting under one deadline,
 * directly or through a SOCKS5 proxy. */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "net.h"
#include "socks5.h"

static struct hostport proxy;
static int have_proxy;

void
net_proxy(struct hostport const *p)
{
	have_proxy = p != NULL;
	if (p != NULL)
		proxy = *p;
}

/* connects fd to a, waiting until end (ms); 1 connected, 0 not (errno) */
static int
try_one(int fd, struct addrinfo const *a, long long end)
{
	socklen_t elen;
	int err = 0;

	if (connect(fd, a->ai_addr, a->ai_addrlen) == 0)
		return 1;
	if (errno != EINPROGRESS && errno != EINTR)
		return 0;
	for (;;) {
		struct pollfd p = { fd, POLLOUT, 0 };
		long long left = end - clock_ms();
		int r;

		if (left <= 0)
			return errno = ETIMEDOUT, 0;
		r = poll(&p, 1, left > 86400000 ? 86400000 : (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return 0;
		if (r > 0)
			break;
	}
	elen = sizeof err;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		return 0;
	if (err != 0)
		return errno = err, 0;
	return 1;
}

/* a socket connected to hp itself (its name resolved here) */
static int
direct(struct hostport const *hp, long long end, char *why, size_t whymax)
{
	struct addrinfo hints, *res, *a;
	int fd = -1, r, err = 0;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = hp->ip ? AI_NUMERICHOST : 0;
	r = getaddrinfo(hp->host, hp->port, &hints, &res);
	if (r != 0) {
		snprintf(why, whymax, "unable to resolve %s%s: %s",
		    have_proxy ? "the SOCKS5 proxy " : "", hp->host,
		    gai_strerror(r));
		return -1;
	}
	for (a = res; a != NULL; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (try_one(fd, a, end))
			break;
		err = errno;
		close(fd);
		fd = -1;
		if (err == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0)
		snprintf(why, whymax, "unable to connect to %s%s: %s",
		    have_proxy ? "the SOCKS5 proxy " : "", hp->name,
		    err == ETIMEDOUT ? "timed out" : strerror(err));
	return fd;
}

int
net_connect(struct hostport const *hp, unsigned timeout, char *why,
    size_t whymax)
{
	long long end = clock_ms() + (long long)timeout * 1000;
	int fd;

	if (!have_proxy)
		return direct(hp, end, why, whymax);
	if ((fd = direct(&proxy, end, why, whymax)) < 0)
		return -1;
	if (!socks5_connect(fd, hp, end, why, whymax)) {
		close(fd);
		return -1;
	}
	return fd;
}
