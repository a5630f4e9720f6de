/* setup-service.c: the service directory of rune-admin setup, for
 * supervise (daemontools) or s6-supervise: run (tcpserver, no client
 * address logged), env/, log/run (multilog as runelog), log/main. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "die.h"
#include "setup.h"

/* dir/name holding text with mode; 1 done */
static int
put(char const *dir, char const *name, char const *text, mode_t mode)
{
	if (!afile_create(dir, name, text, strlen(text), mode)) {
		warn_sys("unable to create %s/%s", dir, name);
		return 0;
	}
	return 1;
}

/* dir/name made as a directory; path set to it; 1 done */
static int
sub(char *path, size_t max, char const *dir, char const *name)
{
	if (snprintf(path, max, "%s/%s", dir, name) >= (int)max)
		return warn("path too long: %s", dir), 0;
	if (mkdir(path, 0755) < 0)
		return warn_sys("unable to create %s", path), 0;
	return 1;
}

int
setup_service(char const *dir, char const *root, char const *bindir,
    char const *port, uint64_t limit, uid_t loguid, gid_t loggid)
{
	char run[2048], line[1100], env[4200], log[4200], mainp[4200];
	struct stat st;
	int n;

	if (lstat(dir, &st) == 0) {
		info("%s exists: left alone", dir);
		return 1;
	}
	/* -U: the session user from envuidgid; -R -H -l 0: no ident, no
	 * DNS; never -v, which logs client addresses */
	n = snprintf(run, sizeof run, "#!/bin/sh\n"
	    "# written by rune-admin setup (doc/privsep.md)\n"
	    "# tcpserver has no limit per client address: put one in the\n"
	    "# firewall (doc/admin.md, \"Connection limits\")\n"
	    "exec 2>&1\n"
	    "exec envuidgid runed envdir ./env softlimit -m %llu \\\n"
	    "\ttcpserver -c 100 -D -R -H -l 0 -U 0 %s \\\n"
	    "\t%s/rune-session\n", (unsigned long long)limit, port, bindir);
	if (n < 0 || (size_t)n >= sizeof run)
		return warn("bin directory too long"), 0;
	if (mkdir(dir, 0755) < 0)
		return warn_sys("unable to create %s", dir), 0;
	if (!put(dir, "run", run, 0755) ||
	    !sub(env, sizeof env, dir, "env") ||
	    !sub(log, sizeof log, dir, "log") ||
	    !sub(mainp, sizeof mainp, log, "main"))
		return 0;
	snprintf(line, sizeof line, "%s\n", root);
	if (!put(env, "RUNE_ROOT", line, 0644))
		return 0;
	snprintf(line, sizeof line, "%s\n", bindir);
	if (!put(env, "RUNE_BINDIR", line, 0644) ||
	    !put(log, "run", "#!/bin/sh\n"
	    "exec setuidgid runelog multilog t ./main\n", 0755))
		return 0;
	if (chown(mainp, loguid, loggid) < 0 || chmod(mainp, 0700) < 0)
		return warn_sys("unable to give %s to runelog", mainp), 0;
	return afile_sync_dir(env) && afile_sync_dir(log) &&
	    afile_sync_dir(dir);
}
