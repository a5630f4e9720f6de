/* net.h: a TCP connection to a server, with a deadline. */
#ifndef NET_H
#define NET_H

#include "hostport.h"

/* a non-blocking socket connected to hp (each address the name resolves
 * to, in turn) within timeout seconds in all; -1 on failure, with a
 * message written into why[whymax] */
int net_connect(struct hostport const *hp, unsigned timeout, char *why,
    size_t whymax);

#endif
