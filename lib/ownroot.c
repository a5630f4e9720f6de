/* ownroot.c: a setuid helper serves whoever may run it: with the
 * installed modes, the session's user runed.  So it takes nothing that
 * decides what it may do from its caller: not the settings (control/
 * only, no $RUNE_NAME), and not the domain directory either unless that
 * directory is one only root or the helper's owner could have made
 * (doc/privsep.md, t/51). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "die.h"
#include "ownroot.h"
#include "rune.h"

int
ownroot_setuid(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

/* path belongs to root or to us, and only its owner may write it (a
 * directory with the sticky bit may be world-writable: nobody else can
 * rename or remove what we check next in it) */
static void
trusted(char const *path, int dir)
{
	struct stat st;
	uid_t me = geteuid();

	if ((dir ? lstat(path, &st) : stat(path, &st)) < 0)
		die_sys(errno == ENOENT ? RUNE_EXIT_PERM : RUNE_EXIT_TEMP,
		    "unable to stat %s", path);
	if (dir && !S_ISDIR(st.st_mode))
		die(RUNE_EXIT_PERM, "untrusted RUNE_ROOT: %s: not a directory",
		    path);
	if (st.st_uid != 0 && st.st_uid != me)
		die(RUNE_EXIT_PERM, "untrusted RUNE_ROOT: %s belongs to uid %u",
		    path, (unsigned)st.st_uid);
	if ((st.st_mode & 022) && !(dir && (st.st_mode & S_ISVTX)))
		die(RUNE_EXIT_PERM, "untrusted RUNE_ROOT: others may write %s",
		    path);
}

/* every directory from / down to path (which has no symlink left) */
static void
trusted_path(char *path)
{
	char *p;

	trusted("/", 1);
	for (p = path + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			trusted(path, 1);
			*p = '/';
		}
	trusted(path, 1);
}

/* control/ and every file in it */
static void
trusted_control(char const *root)
{
	char path[PATH_MAX + 16];
	struct dirent *d;
	DIR *dir;
	int n;

	n = snprintf(path, sizeof path, "%s/control", root);
	if (n < 0 || (size_t)n >= sizeof path)
		die(RUNE_EXIT_PERM, "RUNE_ROOT too long");
	trusted(path, 1);
	dir = opendir(path);
	if (!dir)
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", path);
	while ((errno = 0, d = readdir(dir)) != NULL) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		n = snprintf(path, sizeof path, "%s/control/%s", root,
		    d->d_name);
		if (n < 0 || (size_t)n >= sizeof path)
			die(RUNE_EXIT_PERM, "RUNE_ROOT too long");
		trusted(path, 0);
	}
	if (errno)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s/control", root);
	closedir(dir);
}

void
ownroot_load(struct conf *c, char const *own)
{
	char const *env = getenv("RUNE_ROOT");
	char real[PATH_MAX], path[PATH_MAX + 16];
	struct stat st;
	int n;

	if (!ownroot_setuid()) {
		conf_load_control(c, env);
		return;
	}
	if (!env || *env != '/')
		die(RUNE_EXIT_PERM, "RUNE_ROOT must be an absolute path");
	if (!realpath(env, real))
		die_sys(errno == ENOENT || errno == ENOTDIR ? RUNE_EXIT_PERM :
		    RUNE_EXIT_TEMP, "unable to resolve RUNE_ROOT");
	trusted_path(real);
	trusted_control(real);
	n = snprintf(path, sizeof path, "%s/%s", real, own);
	if (n < 0 || (size_t)n >= sizeof path)
		die(RUNE_EXIT_PERM, "RUNE_ROOT too long");
	if (lstat(path, &st) < 0)
		die_sys(errno == ENOENT ? RUNE_EXIT_PERM : RUNE_EXIT_TEMP,
		    "unable to stat %s", path);
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid())
		die(RUNE_EXIT_PERM, "untrusted RUNE_ROOT: %s is not a "
		    "directory of uid %u", path, (unsigned)geteuid());
	conf_load_control(c, real);
}
