/* root.c: "--root DIR" (or --root=DIR), anywhere on the line, names the
 * domain directory; without it, $RUNE_ROOT does (lib/conf.c). */
#include <string.h>

#include "die.h"
#include "root.h"

char const *
admin_take_root(int *argc, char **argv)
{
	char const *dir = 0;
	int i, k, n;

	for (i = 1; i < *argc; ) {
		if (strcmp(argv[i], "--root") == 0 && i + 1 < *argc) {
			dir = argv[i + 1];
			n = 2;
		} else if (strncmp(argv[i], "--root=", 7) == 0) {
			dir = argv[i] + 7;
			n = 1;
		} else if (strcmp(argv[i], "--root") == 0) {
			die(RUNE_EXIT_PERM, "--root wants a directory");
		} else {
			i++;
			continue;
		}
		for (k = i; k + n <= *argc; k++)
			argv[k] = argv[k + n];	/* argv[argc] is 0 */
		*argc -= n;
	}
	return dir;
}

void
admin_root(struct conf *c, int *argc, char **argv)
{
	char const *dir = admin_take_root(argc, argv);

	if (dir)
		conf_load_root(c, dir);
	else
		conf_load(c);
}

void
admin_root_only(struct conf *c, int argc, char **argv, char const *usage)
{
	admin_root(c, &argc, argv);
	if (argc != 1)
		die_usage(usage);
}
