/* store-run.c: rune-admin's one-shot rune-store commands (stats,
 * expire) through asowner.c and lib/run.c: run as root, rune-store runs
 * as the owner of store/. */
#include "asowner.h"
#include "die.h"
#include "store-run.h"

int
store_run(struct conf const *c, char const *cmd, char *buf, size_t max)
{
	char const *args[] = { cmd, 0 };
	size_t len = 0;
	int code;

	code = asowner_run(c, "rune-store", "store", args,
	    (unsigned char *)buf, max - 1, &len, STORE_RUN_DEADLINE);
	buf[code == -1 ? 0 : len] = 0;
	if (code != 0)
		return warn("rune-store %s failed", cmd), 0;
	return 1;
}
