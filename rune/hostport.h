/* hostport.h: a server named HOST[:PORT] (IPv6 as [ADDR][:PORT]), in a
 * canonical text that is also its directory name under pins/server/. */
#ifndef HOSTPORT_H
#define HOSTPORT_H

#include <stddef.h>

#define HOSTPORT_HOST_MAX 253

struct hostport {
	char host[HOSTPORT_HOST_MAX + 1];	/* lowercase, no brackets */
	char port[6];				/* 1..65535, decimal */
	char name[HOSTPORT_HOST_MAX + 9];	/* host:port, [v6]:port */
	int ip;					/* host is an IP literal */
};

/* 1: hp holds s (default port RUNE_PORT); 0: not a host name or IP
 * literal with an optional port */
int hostport_parse(struct hostport *hp, char const *s, size_t len);

#endif
