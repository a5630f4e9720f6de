/* root.c: "--root DIR" names the domain directory; without it,
 * $RUNE_ROOT does (lib/conf.c). */
#include <string.h>

#include "die.h"
#include "root.h"

void
admin_root(struct conf *c, int *argc, char **argv)
{
	int i;

	if (*argc >= 3 && strcmp(argv[1], "--root") == 0) {
		conf_load_root(c, argv[2]);
		for (i = 3; i <= *argc; i++)
			argv[i - 2] = argv[i];	/* argv[argc] is 0 */
		*argc -= 2;
	} else
		conf_load(c);
}

void
admin_root_only(struct conf *c, int argc, char **argv, char const *usage)
{
	admin_root(c, &argc, argv);
	if (argc != 1)
		die_usage(usage);
}
