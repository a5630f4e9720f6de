/* rune-admin.c: main: finds the subcommand in a table and runs it.
 * Each subcommand lives in a file of its own and is declared in cmd.h. */
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "die.h"

static const struct {
	char const *name;
	cmd_fn run;
} cmds[] = {
	{ "init", cmd_init },
	{ "fingerprint", cmd_fingerprint },
	{ "invite", cmd_invite },
	{ "invites", cmd_invites },
	{ "revoke", cmd_revoke },
	{ "users", cmd_users },
	{ "disable", cmd_disable },
	{ "enable", cmd_enable },
	{ "free", cmd_free },
	{ "registration", cmd_registration },
	{ "merge", cmd_merge },
	{ "status", cmd_status },
	{ "expire", cmd_expire },
	{ "setup", cmd_setup },
};

#define NCMDS (sizeof cmds / sizeof cmds[0])

/* names every command, from the table */
static _Noreturn void
usage(void)
{
	char list[512];
	size_t i, n = 0;

	list[0] = 0;
	for (i = 0; i < NCMDS; i++) {
		size_t k = strlen(cmds[i].name);

		if (k + 2 > sizeof list - n - 1)
			break;
		if (n > 0) {
			memcpy(list + n, ", ", 2);
			n += 2;
		}
		memcpy(list + n, cmds[i].name, k + 1);
		n += k;
	}
	die(RUNE_EXIT_PERM, "usage: rune-admin COMMAND [ARGS...]; "
	    "commands: %s", list);
}

int
main(int argc, char **argv)
{
	size_t i;

	die_init("rune-admin");
	if (argc < 2)
		usage();
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "unable to initialise libsodium");
	for (i = 0; i < NCMDS; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].run(argc - 1, argv + 1);
	die(RUNE_EXIT_PERM, "unknown command: %.40s", argv[1]);
}
