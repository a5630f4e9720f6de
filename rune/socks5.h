/* socks5.h: a connection through a SOCKS5 proxy (RFC 1928), so that a
 * user can reach the server through Tor: CONNECT with the server's host
 * NAME (the proxy resolves it; no DNS question is asked here), no
 * authentication.  The proxy's reply is read within RFC 1928's bounds
 * (at most 4 + 1 + 255 + 2 octets, every field checked). */
#ifndef SOCKS5_H
#define SOCKS5_H

#include <stddef.h>
#include "hostport.h"

/* the proxy named by s[0..len): "socks5://HOST:PORT" (or socks5h://, the
 * same: names are always resolved by the proxy); 1 ok, 0 not that */
int socks5_parse(struct hostport *proxy, char const *s, size_t len);

/* on fd, a non-blocking socket connected to the proxy: the greeting and
 * CONNECT to hp, until end (CLOCK_MONOTONIC ms).  1 fd now reaches hp; 0
 * with the reason in why[whymax] */
int socks5_connect(int fd, struct hostport const *hp, long long end,
    char *why, size_t whymax);

#endif
