/* optval.c: an option's value, as optval.h says. */
#include <string.h>

#include "die.h"
#include "optval.h"

char const *
optval(int argc, char **argv, int *i, char const *opt, char const *usage)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return NULL;
	if (argv[*i][n] == '=' && opt[1] == '-')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		die_usage(usage);
	return argv[++*i];
}
