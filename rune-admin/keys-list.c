/* keys-list.c: rune-admin users and invites: read-only listings of the
 * key table through lib/keytab.c, in no particular order.  An invitation
 * shows its address, expiry and state, never its token nor its hash. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "cmd.h"
#include "die.h"
#include "keys-run.h"
#include "root.h"
#include "keytab.h"

struct count {
	struct keyrec_addrs a;
	int list;
};

static int
one_user(void *ctx, struct addr const *a, struct keyrec const *r)
{
	struct count *n = ctx;
	keyrec_addrs_add(&n->a, r->state);
	return !n->list ||
	    printf("%s %s\n", a->s, keyrec_state_name(r->state)) > 0;
}

int
cmd_users(int argc, char **argv)
{
	struct count n = { { 0, 0, 0 }, 0 };
	struct conf c;
	int r;

	admin_root(&c, &argc, argv);
	if (argc == 2 && strcmp(argv[1], "--list") == 0)
		n.list = 1;
	else if (argc != 1)
		die_usage("rune-admin users [--root DIR] [--list]");
	r = keytab_each_addr(c.root, one_user, &n);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (r == 0 || (!n.list && printf("%llu users: %llu active, %llu "
	    "disabled; %llu addresses reserved\n", n.a.active + n.a.disabled,
	    n.a.active, n.a.disabled, n.a.reserved) < 0) ||
	    fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}

static int
one_invite(void *ctx, struct tokrec const *t)
{
	char const *s = keyrec_tok_state_name(t, *(uint64_t const *)ctx);
	time_t e;
	char date[32];
	struct tm tm;

	e = t->expires > (uint64_t)253402300799LL ? 253402300799LL :
	    (time_t)t->expires;
	if (!gmtime_r(&e, &tm) ||
	    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(date, "?");
	return printf("%s %s %s\n", t->addr.s, date, s) > 0;
}

int
cmd_invites(int argc, char **argv)
{
	uint64_t now = clock_now();
	struct conf c;
	int r;

	admin_root(&c, &argc, argv);
	if (argc != 1)
		die_usage("rune-admin invites [--root DIR]");
	r = keytab_each_token(c.root, one_invite, &now);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (r == 0 || fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}
