/* noroot.c: a helper run as root would write its files as root, where
 * rune-admin setup gave them to a user of their own (doc/privsep.md). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "noroot.h"
#include "rune.h"

void
noroot(void)
{
	char const *ok = getenv("RUNE_ALLOW_ROOT");

	if ((getuid() == 0 || geteuid() == 0) && !(ok && !strcmp(ok, "1")))
		die(RUNE_EXIT_PERM, "refusing to run as root "
		    "(set RUNE_ALLOW_ROOT=1 to allow it)");
}
