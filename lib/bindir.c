/* bindir.c: the one place that reads $RUNE_BINDIR and the running
 * program's own directory (/proc/self/exe, read once), in one order for
 * every program (bindir.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bindir.h"
#include "die.h"

static char self[PATH_MAX];	/* the running program's directory */
static char const *self_name = "?";	/* and its name */

/* the running program's directory, or "" when unknown */
static char const *
self_dir(void)
{
	static int done;
	char *slash;
	ssize_t n;

	if (done)
		return self;
	done = 1;
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0) {
		self[0] = 0;
		return self;
	}
	self[n] = 0;
	slash = strrchr(self, '/');
	if (slash && slash > self) {
		*slash = 0;
		self_name = slash + 1;
	} else
		self[0] = 0;
	return self;
}

int
bindir_dir(char *dir, size_t max, char const *prog)
{
	char const *env = getenv("RUNE_BINDIR");
	char const *d = env && env[0] == '/' ? env : self_dir();
	size_t n = strlen(d);

	(void)prog;
	if (d[0] != '/')
		return errno = ENOENT, 0;
	if (n >= max)
		return errno = ENAMETOOLONG, 0;
	memcpy(dir, d, n + 1);
	return 1;
}

int
bindir_path(char *path, size_t max, char const *prog)
{
	char dir[PATH_MAX];
	int n;

	if (!bindir_dir(dir, sizeof dir, prog))
		return 0;
	n = snprintf(path, max, "%s/%s", dir, prog);
	if (n < 0 || (size_t)n >= max)
		return errno = ENAMETOOLONG, 0;
	return 1;
}

int
bindir_find(char *path, size_t max, char const *prog)
{
	char const *env = getenv("RUNE_BINDIR");
	char const *self = self_dir();

	if (bindir_path(path, max, prog) && access(path, X_OK) == 0)
		return 1;
	if (env && env[0] == '/')
		warn("unable to find %s in $RUNE_BINDIR (%s)", prog, env);
	else
		warn("unable to find %s beside %s (in %s), $RUNE_BINDIR not "
		    "set", prog, self_name, self[0] ? self : "?");
	return errno = ENOENT, 0;
}
