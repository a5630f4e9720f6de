/* addr.h: section 3 addresses, parsed into canonical lowercase form. */
#ifndef ADDR_H
#define ADDR_H

#include <stddef.h>
#include "rune.h"

struct addr {
	char s[RUNE_ADDR_MAX + 1];	/* canonical, NUL-terminated */
	size_t len;			/* octets in s */
	size_t at;			/* index of '@' in s */
};

/* 1: *a holds the canonical form of s[0..len); 0: not an address */
int addr_parse(struct addr *a, char const *s, size_t len);

/* 1: the domain part of a equals domain (canonical); 0 otherwise */
int addr_in_domain(struct addr const *a, char const *domain);

/* 1: d is a valid domain label (13.1), 0 otherwise */
int addr_domain_ok(char const *d, size_t len);

#endif
