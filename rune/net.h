/* net.h: a TCP connection to a server, with a deadline. */
#ifndef NET_H
#define NET_H

#include "hostport.h"

/* a non-blocking socket connected to hp (each address the name resolves
 * to, in turn) within timeout seconds in all; -1 on failure, with a
 * message written into why[whymax].  With a proxy set (net_proxy), the
 * socket goes to the proxy and reaches hp through it (socks5.h): hp's
 * name is never resolved here. */
int net_connect(struct hostport const *hp, unsigned timeout, char *why,
    size_t whymax);

/* every later net_connect goes through the SOCKS5 proxy p (NULL:
 * directly) */
void net_proxy(struct hostport const *p);

#endif
