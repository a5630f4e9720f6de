/* lookup.c: an address in the key table, and the replies when it is not
 * active: not this domain 402, no table 451, absent or inactive 404. */
#include "lookup.h"
#include "replies.h"
#include "session.h"

enum found
lookup(struct session const *s, struct addr const *a, struct keyrec *r)
{
	int found;

	if (!addr_in_domain(a, s->conf.domain))
		return FOUND_FOREIGN;
	found = keytab_lookup(s->conf.root, a, r);
	if (found < 0)
		return FOUND_ERROR;
	if (!found)
		return FOUND_NONE;
	return r->state == KEYTAB_ACTIVE ? FOUND_ACTIVE : FOUND_INACTIVE;
}

void
lookup_refuse(struct session *s, enum found f, char const *fail)
{
	if (f == FOUND_FOREIGN)
		reply(s, 402, "wrong domain");
	else if (f == FOUND_ERROR)
		reply(s, 451, fail);
	else
		reply(s, 404, "no such address");
}

int
lookup_active(struct session *s, struct addr const *a, struct keyrec *r,
    char const *fail)
{
	enum found f = lookup(s, a, r);

	if (f == FOUND_ACTIVE)
		return 1;
	lookup_refuse(s, f, fail);
	return 0;
}
