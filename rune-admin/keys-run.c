/* keys-run.c: the key subcommands run rune-keys, the only writer of the
 * key table (asowner.c, lib/run.c: beside rune-admin, else in
 * $RUNE_BINDIR; a fixed argv, RUNE_ROOT the environment). */
#include <string.h>

#include "asowner.h"
#include "die.h"
#include "keys-run.h"
#include "rune.h"

void
keys_address(struct addr *a, char const *s, struct conf const *c)
{
	if (!addr_parse(a, s, strlen(s)))
		die(RUNE_EXIT_PERM, "invalid address: %.120s", s);
	if (!addr_in_domain(a, c->domain))
		die(RUNE_EXIT_PERM, "address %s is not in the domain %s",
		    a->s, c->domain);
}

int
keys_run(struct conf const *c, char const *const *args, unsigned char *out,
    size_t max, size_t *len)
{
	return asowner_run(c, "rune-keys", "keys", args, out, max, len,
	    KEYS_RUN_DEADLINE);
}

void
keys_run_addr(struct conf const *c, char const *cmd, struct addr const *a)
{
	char const *args[] = { cmd, a->s, 0 };
	int code = keys_run(c, args, 0, 0, 0);

	switch (code) {
	case 0:
		return;
	case KEYEXIT_TAKEN:
		die(code, "%s %s: the address is taken", cmd, a->s);
	case KEYEXIT_STATE:
		die(code, "%s %s: not possible in the address's state (see "
		    "rune-admin users --list)", cmd, a->s);
	case -1:
		code = RUNE_EXIT_TEMP;
		break;
	}
	die(code, "%s %s: failed", cmd, a->s);
}
