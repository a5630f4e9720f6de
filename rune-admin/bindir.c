/* bindir.c: the helpers beside rune-admin, then in $RUNE_BINDIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bindir.h"
#include "die.h"

/* dir/prog into path[max]; 1 when it fits and is executable */
static int
has(char *path, size_t max, char const *dir, char const *prog)
{
	int n = snprintf(path, max, "%s/%s", dir, prog);

	return n > 0 && (size_t)n < max && access(path, X_OK) == 0;
}

int
admin_bindir(char *dir, size_t max, char const *prog)
{
	char self[4096], path[4200], *slash;
	char const *env = getenv("RUNE_BINDIR");
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n > 0) {
		self[n] = 0;
		slash = strrchr(self, '/');
		if (slash && slash > self) {
			*slash = 0;
			if (has(path, sizeof path, self, prog) &&
			    strlen(self) < max) {
				memcpy(dir, self, strlen(self) + 1);
				return 1;
			}
		}
	} else
		self[0] = 0;
	if (env && env[0] == '/' && has(path, sizeof path, env, prog) &&
	    strlen(env) < max) {
		memcpy(dir, env, strlen(env) + 1);
		return 1;
	}
	warn("unable to find %s beside rune-admin (in %s) or in $RUNE_BINDIR "
	    "(%s)", prog, self[0] ? self : "?", env ? env : "not set");
	return 0;
}

int
admin_helper(char *path, size_t max, char const *prog)
{
	char dir[4096];
	int n;

	if (!admin_bindir(dir, sizeof dir, prog))
		return 0;
	n = snprintf(path, max, "%s/%s", dir, prog);
	return n > 0 && (size_t)n < max;
}
