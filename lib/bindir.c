/* bindir.c: the one place that reads $RUNE_BINDIR and the running
 * program's own directory (/proc/self/exe, read once). */
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

/* dir into out[max]; 1 when it fits and, with check, dir/prog is
 * executable */
static int
take(char *out, size_t max, char const *dir, char const *prog, int check)
{
	char path[PATH_MAX + 256];
	int n;

	if (!dir || dir[0] != '/')
		return errno = ENOENT, 0;
	n = snprintf(path, sizeof path, "%s/%s", dir, prog);
	if (n < 0 || (size_t)n >= sizeof path || strlen(dir) >= max)
		return errno = ENAMETOOLONG, 0;
	if (check && access(path, X_OK) < 0)
		return 0;
	memcpy(out, dir, strlen(dir) + 1);
	return 1;
}

int
bindir_dir(char *dir, size_t max, char const *prog, enum bindir_order order)
{
	char const *env = getenv("RUNE_BINDIR");
	char const *self;

	if (order == BINDIR_ENV) {
		if (env && env[0] == '/')
			return take(dir, max, env, prog, 0);
		return take(dir, max, self_dir(), prog, 0);
	}
	self = self_dir();
	if (take(dir, max, self, prog, 1) || take(dir, max, env, prog, 1))
		return 1;
	warn("unable to find %s beside %s (in %s) or in $RUNE_BINDIR (%s)",
	    prog, self_name, self[0] ? self : "?", env ? env : "not set");
	return errno = ENOENT, 0;
}

int
bindir_path(char *path, size_t max, char const *prog,
    enum bindir_order order)
{
	char dir[PATH_MAX];
	int n;

	if (!bindir_dir(dir, sizeof dir, prog, order))
		return 0;
	n = snprintf(path, max, "%s/%s", dir, prog);
	if (n < 0 || (size_t)n >= max)
		return errno = ENAMETOOLONG, 0;
	return 1;
}
