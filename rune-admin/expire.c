/* expire.c: rune-admin expire: removes the messages older than
 * control/expire_days and stale temporary files, through rune-store (the
 * only writer of the mailboxes).  Meant for a daily timer. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "store-run.h"

#define USAGE "rune-admin expire [--root DIR]"

int
cmd_expire(int argc, char **argv)
{
	struct conf c;
	char out[512];

	if (argc == 3 && strcmp(argv[1], "--root") == 0)
		conf_load_root(&c, argv[2]);
	else if (argc == 1)
		conf_load(&c);
	else
		die_usage(USAGE);
	if (!store_run(&c, "expire", out, sizeof out))
		die(RUNE_EXIT_TEMP, "expiry failed; nothing was lost, run it again");
	if (out[0] && fputs(out, stdout) == EOF)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}
