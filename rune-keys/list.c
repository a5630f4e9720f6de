/* list.c: rune-keys list and invites (never a token nor its hash). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "clock.h"
#include "die.h"
#include "key.h"
#include "keys.h"
#include "keytab.h"
#include "rune.h"

static char const *
addr_state(int s)
{
	switch (s) {
	case KEYREC_ACTIVE:
		return "active";
	case KEYREC_DISABLED:
		return "disabled";
	}
	return "reserved";
}

static int
print_addr(void *ctx, struct addr const *a, struct keyrec const *r)
{
	(void)ctx;
	return printf("%s %s\n", a->s, addr_state(r->state)) > 0;
}

static int
print_token(void *ctx, struct tokrec const *t)
{
	char const *s = "revoked";
	uint64_t now = *(uint64_t const *)ctx;

	if (t->state == KEYREC_VALID)
		s = now >= t->expires ? "expired" : "valid";
	else if (t->state == KEYREC_EXPIRED)
		s = "expired";
	else if (t->state == KEYREC_USED)
		s = "used";
	return printf("%s %llu %s\n", t->addr.s,
	    (unsigned long long)t->expires, s) > 0;
}

static int
finish(int r)
{
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (r == 0 || fflush(stdout) != 0 || ferror(stdout))
		die_sys(RUNE_EXIT_TEMP, "unable to write the listing");
	return RUNE_EXIT_OK;
}

int
keys_list(char const *root)
{
	return finish(keytab_each_addr(root, print_addr, 0));
}

int
keys_invites(char const *root)
{
	uint64_t now = clock_now();

	return finish(keytab_each_token(root, print_token, &now));
}
