/* keys.c: rune-admin revoke, disable, enable, free, merge and
 * registration: each checks its arguments, then runs rune-keys (or, for
 * registration, writes control/registration whole). */
#include <string.h>

#include "afile.h"
#include "cmd.h"
#include "die.h"
#include "keys-run.h"
#include "root.h"

/* one address argument, then rune-keys CMD ADDRESS */
static int
addr_cmd(int argc, char **argv, char const *cmd, char const *usage,
    char const *done)
{
	struct conf c;
	struct addr a;

	admin_root(&c, &argc, argv);
	if (argc != 2)
		die_usage(usage);
	keys_address(&a, argv[1], &c);
	keys_run_addr(&c, cmd, &a);
	info("%s %s", done, a.s);
	return RUNE_EXIT_OK;
}

int
cmd_revoke(int argc, char **argv)
{
	return addr_cmd(argc, argv, "revoke",
	    "rune-admin revoke [--root DIR] ADDRESS", "revoked the invitation "
	    "of");
}

int
cmd_disable(int argc, char **argv)
{
	return addr_cmd(argc, argv, "disable",
	    "rune-admin disable [--root DIR] ADDRESS", "disabled");
}

int
cmd_enable(int argc, char **argv)
{
	return addr_cmd(argc, argv, "enable",
	    "rune-admin enable [--root DIR] ADDRESS", "enabled");
}

int
cmd_free(int argc, char **argv)
{
	return addr_cmd(argc, argv, "free",
	    "rune-admin free [--root DIR] ADDRESS", "freed");
}

int
cmd_merge(int argc, char **argv)
{
	char const *args[] = { "merge", 0 };
	struct conf c;
	int code;

	admin_root(&c, &argc, argv);
	if (argc != 1)
		die_usage("rune-admin merge [--root DIR]");
	code = keys_run(&c, args, 0, 0, 0);
	if (code != 0)
		die(code < 0 ? RUNE_EXIT_TEMP : code, "merge failed");
	return RUNE_EXIT_OK;
}

int
cmd_registration(int argc, char **argv)
{
	static char const *const modes[] = { "free", "invite", "both", "off" };
	char line[16], dir[1100];
	struct conf c;
	size_t i, n;

	admin_root(&c, &argc, argv);
	if (argc == 1) {
		char *av[] = { "config", "registration", "--root", c.root, 0 };

		return cmd_config(4, av);
	}
	if (argc != 2)
		die_usage("rune-admin registration [--root DIR] "
		    "[free|invite|both|off]");
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(argv[1], modes[i]) == 0)
			break;
	if (i == sizeof modes / sizeof modes[0])
		die(RUNE_EXIT_PERM, "invalid registration mode: %.40s (want "
		    "free, invite, both or off)", argv[1]);
	n = strlen(modes[i]);
	memcpy(line, modes[i], n);
	line[n++] = '\n';
	conf_path(dir, sizeof dir, &c, "control");
	if (!afile_write(dir, "registration", line, n, 0644))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/registration", dir);
	info("registration %s", modes[i]);
	return RUNE_EXIT_OK;
}
