/* lookup.h: an address in the key table, as the session's commands see
 * it (spec 10; a disabled or reserved address is absent to everybody,
 * doc/decisions.md). */
#ifndef LOOKUP_H
#define LOOKUP_H

#include "addr.h"
#include "keytab.h"

struct session;

enum found {
	FOUND_ACTIVE,		/* registered and active: r filled */
	FOUND_INACTIVE,		/* in the table, disabled or reserved */
	FOUND_NONE,		/* not in the table */
	FOUND_FOREIGN,		/* not an address of this domain */
	FOUND_ERROR		/* the table could not be read */
};

/* where a stands (r is filled for every state found in the table) */
enum found lookup(struct session const *s, struct addr const *a,
    struct keyrec *r);

/* the reply to an address that is not active: 402 (another domain),
 * 451 with text fail (the table could not be read), 404 (absent or
 * inactive) */
void lookup_refuse(struct session *s, enum found f, char const *fail);

/* 1: a is active (r filled); 0: not, and lookup_refuse replied */
int lookup_active(struct session *s, struct addr const *a,
    struct keyrec *r, char const *fail);

#endif
