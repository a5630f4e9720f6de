/* keyrec_state.c: what the states of the key table's records mean: their
 * names in listings, and the one check of an invitation token that the
 * session and rune-keys both make. */
#include <string.h>

#include "keyexit.h"
#include "keyrec.h"

char const *
keyrec_state_name(int state)
{
	switch (state) {
	case KEYREC_ACTIVE:
		return "active";
	case KEYREC_DISABLED:
		return "disabled";
	}
	return "reserved";
}

void
keyrec_addrs_add(struct keyrec_addrs *n, int state)
{
	if (state == KEYREC_ACTIVE)
		n->active++;
	else if (state == KEYREC_DISABLED)
		n->disabled++;
	else
		n->reserved++;
}

int
keyrec_tok_now(struct tokrec const *t, uint64_t now)
{
	switch (t->state) {
	case KEYREC_VALID:
		return now >= t->expires ? KEYREC_EXPIRED : KEYREC_VALID;
	case KEYREC_EXPIRED:
	case KEYREC_USED:
		return t->state;
	}
	return KEYREC_REVOKED;
}

char const *
keyrec_tok_state_name(struct tokrec const *t, uint64_t now)
{
	switch (keyrec_tok_now(t, now)) {
	case KEYREC_VALID:
		return "valid";
	case KEYREC_EXPIRED:
		return "expired";
	case KEYREC_USED:
		return "used";
	}
	return "revoked";
}

int
keyrec_token_check(struct tokrec const *t, int found, struct addr const *a,
    uint64_t now)
{
	if (!found || (t->state != KEYREC_VALID &&
	    t->state != KEYREC_EXPIRED) ||
	    t->addr.len != a->len || memcmp(t->addr.s, a->s, a->len) != 0)
		return KEYEXIT_TOKEN;
	if (t->state == KEYREC_EXPIRED || now >= t->expires)
		return KEYEXIT_EXPIRED;
	return 0;
}
