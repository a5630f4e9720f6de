/* rune-admin.c: main: finds the subcommand in a table and runs it.
 * Each subcommand lives in a file of its own and is declared in cmd.h.
 * "--root DIR" may stand before the subcommand too, and "--help" (or -h)
 * anywhere shows the help of the subcommand it follows. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cmd.h"
#include "die.h"
#include "nodump.h"

static const struct {
	char const *name;
	cmd_fn run;
	char const *args;	/* after "rune-admin NAME" */
	char const *what;
} cmds[] = {
	{ "init", cmd_init, "DIR DOMAIN [--welcome TEXT] [--registration "
	    "free|invite|both|off] [--cert CERT.pem --key KEY.pem]",
	    "create a domain directory: keys, certificate, settings" },
	{ "setup", cmd_setup, "[--root DIR] [--domain DOMAIN] [--host HOST] "
	    "[--port PORT] [--service DIR]",
	    "as root: system users, owners and modes, setuid helpers, the "
	    "service directory, control/host and control/port" },
	{ "config", cmd_config, "[--root DIR] [NAME [VALUE|--default]]",
	    "show every setting, its value and where it comes from; or one; "
	    "or check and set one" },
	{ "fingerprint", cmd_fingerprint, "[--root DIR]",
	    "the server's TLS and RUNE key fingerprints" },
	{ "invite", cmd_invite, "[--root DIR] ADDRESS [--expires DURATION] "
	    "[--token-only] [--force]",
	    "an invitation URI for ADDRESS (for rune join)" },
	{ "invites", cmd_invites, "[--root DIR]", "the open invitations" },
	{ "revoke", cmd_revoke, "[--root DIR] ADDRESS",
	    "withdraw the invitation of ADDRESS" },
	{ "users", cmd_users, "[--root DIR] [--list]",
	    "how many addresses; --list names them and their state" },
	{ "disable", cmd_disable, "[--root DIR] ADDRESS",
	    "refuse logins of ADDRESS" },
	{ "enable", cmd_enable, "[--root DIR] ADDRESS",
	    "allow a disabled ADDRESS again" },
	{ "free", cmd_free, "[--root DIR] ADDRESS",
	    "release ADDRESS (unregistered or reserved) for a new owner" },
	{ "registration", cmd_registration, "[--root DIR] "
	    "[free|invite|both|off]", "show or set the registration mode" },
	{ "merge", cmd_merge, "[--root DIR]",
	    "merge the key table's journal into the table" },
	{ "status", cmd_status, "[--root DIR]",
	    "aggregate counts: users, invitations, messages, settings" },
	{ "expire", cmd_expire, "[--root DIR]",
	    "remove messages older than control/expire_days" },
};

#define NCMDS (sizeof cmds / sizeof cmds[0])

static int
out(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return code;
}

/* every command with its arguments */
static int
help_all(void)
{
	size_t i;

	printf("usage: rune-admin [--root DIR] COMMAND [ARGS...]\n"
	    "       rune-admin COMMAND --help\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		printf("  %s %s\n      %s\n", cmds[i].name, cmds[i].args,
		    cmds[i].what);
	printf("\nexit: 0 done, 100 refused or bad usage, 111 temporary "
	    "failure (rune-admin(8) lists the others)\n");
	return out(RUNE_EXIT_OK);
}

static _Noreturn void
usage(void)
{
	die(RUNE_EXIT_PERM, "usage: rune-admin [--root DIR] COMMAND [ARGS...] "
	    "(rune-admin --help lists the commands)");
}

int
main(int argc, char **argv)
{
	static char *av[256];
	char const *root = 0;
	size_t k;
	int i, n = 0;

	die_init("rune-admin");
	nodump();
	if (argc < 2)
		usage();
	if (argc + 3 > (int)(sizeof av / sizeof av[0]))
		die(RUNE_EXIT_PERM, "too many arguments");
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help_all();
		if (!strcmp(argv[i], "--root") && i + 1 < argc)
			root = argv[++i];
		else if (!strncmp(argv[i], "--root=", 7))
			root = argv[i] + 7;
		else
			usage();
	}
	if (i == argc)
		usage();
	if (!strcmp(argv[i], "help"))
		return help_all();
	for (k = 0; k < NCMDS; k++)
		if (strcmp(argv[i], cmds[k].name) == 0)
			break;
	if (k == NCMDS)
		die(RUNE_EXIT_PERM, "unknown command: %.40s (rune-admin --help "
		    "lists them)", argv[i]);
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: rune-admin %s %s\n  %s\n", cmds[k].name,
			    cmds[k].args, cmds[k].what);
			return out(RUNE_EXIT_OK);
		}
		av[n++] = argv[i];
	}
	if (root) {
		av[n++] = "--root";
		av[n++] = (char *)root;
	}
	av[n] = 0;
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "unable to initialise libsodium");
	return cmds[k].run(n, av);
}
