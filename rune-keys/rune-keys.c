/* rune-keys.c: main: the only writer of the key table (rune-keys(8)).
 * Fixed argv, $RUNE_ROOT from the environment (checked when setuid),
 * secrets on stdin.  Started through the setuid bit by another user (the
 * session's), it does only what a client may ask (doc/privsep.md). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "conf.h"
#include "die.h"
#include "keys.h"
#include "nodump.h"
#include "noroot.h"
#include "ownroot.h"
#include "rune.h"

#define USAGE "rune-keys register|register-invite|unregister|disable|" \
	"enable|free|revoke|expire ADDRESS | invite ADDRESS EXPIRES | " \
	"merge | load | expire | prekeys | daemon [WORKERS]"

/* the address argument: valid and in the domain, or exit 100 */
static void
address(struct addr *a, char const *s, struct conf const *c)
{
	if (!addr_parse(a, s, strlen(s)))
		die(RUNE_EXIT_PERM, "invalid address");
	if (!addr_in_domain(a, c->domain))
		die(RUNE_EXIT_PERM, "address not in domain %s", c->domain);
}

/* the caller may run every command: root, or the owner of keys/
 * running rune-keys as itself; not a user for whom the setuid bit made
 * it the owner (the session's runed) */
static int
admin(void)
{
	return getuid() == 0 || !ownroot_setuid();
}

static void
admin_only(char const *cmd)
{
	if (!admin())
		die(RUNE_EXIT_PERM, "%s: refused: an administrative command "
		    "(run it as root or as the owner of keys/)", cmd);
}

/* unregister: with a login proof on stdin, checked against the table;
 * without one only for the administrator */
static int
unregister(char const *root, struct addr const *a)
{
	struct keys_proof p;
	struct line in;
	int code;

	input_init(&in);
	code = keys_proof_read(&p, &in);
	input_wipe(&in);
	if (code < 0)
		die(RUNE_EXIT_PERM, "unregister: invalid input");
	if (code == KEYS_PROOF_NONE) {
		admin_only("unregister without a login proof");
		return keys_setstate(root, a, "unregister", NULL);
	}
	if (code == KEYS_PROOF_BAD)
		die(KEYEXIT_PROOF, "unregister: login proof invalid");
	code = keys_setstate(root, a, "unregister", &p);
	sodium_memzero(&p, sizeof p);
	return code;
}

int
main(int argc, char **argv)
{
	struct conf c;
	struct addr a;
	char const *cmd;

	die_init("rune-keys");
	nodump();
	/* past a file size limit a write fails (EFBIG) and the tmp file is
	 * removed; SIGXFSZ would kill rune-keys with it left behind; and a
	 * caller that does not read the receipt (rune-admin, tests) must not
	 * turn a registration done into a death by SIGPIPE */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
	    signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		die_sys(RUNE_EXIT_TEMP, "unable to set signals");
	noroot();
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "unable to initialise libsodium");
	if (argc < 2)
		die_usage(USAGE);
	cmd = argv[1];
	/* the session may ask for what a client's request allows, and may
	 * have an invitation it found expired marked so (rune-keys re-checks
	 * with its own clock, doc/decisions.md) */
	if (strcmp(cmd, "register") != 0 &&
	    strcmp(cmd, "register-invite") != 0 &&
	    strcmp(cmd, "unregister") != 0 &&
	    (strcmp(cmd, "prekeys") != 0 || argc != 2) &&
	    (strcmp(cmd, "expire") != 0 || argc != 3))
		admin_only(cmd);
	ownroot_load(&c, "keys");
	/* the prekey protocol for one session (the daemon's fallback), or
	 * the daemon serving it to every session (doc/design.md) */
	if (argc == 2 && strcmp(cmd, "prekeys") == 0)
		return prekeys_serve(&c);
	if ((argc == 2 || argc == 3) && strcmp(cmd, "daemon") == 0)
		return keys_daemon(&c, argc == 3 ? argv[2] : NULL);
	if (argc == 2) {
		if (strcmp(cmd, "merge") == 0)
			return merge_run(c.root, 1);
		if (strcmp(cmd, "load") == 0)
			return keys_load(c.root, c.domain);
		if (strcmp(cmd, "expire") == 0)
			return keys_expire(c.root, 0);
		die_usage(USAGE);
	}
	address(&a, argv[2], &c);
	if (argc == 4 && strcmp(cmd, "invite") == 0)
		return keys_invite(c.root, &a, argv[3]);
	if (argc != 3)
		die_usage(USAGE);
	/* the session's requests obey control/registration, as the
	 * session does; the administrator may register any address */
	if (strcmp(cmd, "register") == 0) {
		if (!admin() && !c.reg_free)
			die(RUNE_EXIT_PERM, "free registration not available");
		return keys_register(c.root, &a);
	}
	if (strcmp(cmd, "register-invite") == 0) {
		if (!admin() && !c.reg_invite)
			die(RUNE_EXIT_PERM, "invitation registration not "
			    "available");
		return keys_register_invite(c.root, &a);
	}
	if (strcmp(cmd, "unregister") == 0)
		return unregister(c.root, &a);
	if (strcmp(cmd, "revoke") == 0)
		return keys_revoke(c.root, &a);
	if (strcmp(cmd, "expire") == 0)
		return keys_expire(c.root, &a);
	if (strcmp(cmd, "disable") == 0 || strcmp(cmd, "enable") == 0 ||
	    strcmp(cmd, "free") == 0)
		return keys_setstate(c.root, &a, cmd, NULL);
	die_usage(USAGE);
}
