/* expire.c: rune-admin expire: removes the messages older than
 * control/expire_days and stale temporary files, through rune-store (the
 * only writer of the mailboxes), and marks the invitations whose time
 * has passed expired, through rune-keys (so that a clock set back does
 * not revive them).  Meant for a daily timer. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "keys-run.h"
#include "root.h"
#include "store-run.h"

#define USAGE "rune-admin expire [--root DIR]"

int
cmd_expire(int argc, char **argv)
{
	char const *args[] = { "expire", 0 };
	struct conf c;
	char out[512];

	admin_root_only(&c, argc, argv, USAGE);
	if (keys_run(&c, args, 0, 0, 0) != 0)
		die(RUNE_EXIT_TEMP, "expiry of invitations failed; nothing was "
		    "lost, run it again");
	if (!store_run(&c, "expire", out, sizeof out))
		die(RUNE_EXIT_TEMP, "expiry failed; nothing was lost, run it again");
	if (out[0] && fputs(out, stdout) == EOF)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}
