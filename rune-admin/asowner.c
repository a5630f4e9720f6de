/* asowner.c: the helpers refuse root (lib/noroot.c); rune-admin, run as
 * root on a production install, runs them as the owners of keys/ and
 * store/ instead (doc/privsep.md); on a domain root owns, as root, with
 * RUNE_ALLOW_ROOT=1 (doc/decisions.md). */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "asowner.h"
#include "bindir.h"
#include "die.h"
#include "run.h"

/* in the child: when root and dir belongs to another user, becomes that
 * user (and its group); 1 done or nothing to do, 0 failed */
static int
become(void *ctx)
{
	char const *dir = ctx;
	struct stat st;

	if (geteuid() != 0 || stat(dir, &st) < 0 || st.st_uid == 0)
		return 1;
	return setgroups(0, NULL) == 0 && setgid(st.st_gid) == 0 &&
	    setuid(st.st_uid) == 0;
}

/* 1: root runs the helper on a dir root owns (made by init, never set
 * up): the helper runs as root, as the files' owner, and is told so */
static int
as_root(char const *dir)
{
	struct stat st;

	return geteuid() == 0 && stat(dir, &st) == 0 && st.st_uid == 0;
}

int
asowner_run(struct conf const *c, char const *prog, char const *dir,
    char const *const *args, unsigned char *out, size_t max, size_t *len,
    int secs)
{
	char path[PATH_MAX], where[PATH_MAX];
	char const *argv[8];
	struct run_env e;
	struct run r;
	struct run_io io = { .out = out, .outmax = max, .ms = secs * 1000 };
	int i, code, n;

	n = snprintf(where, sizeof where, "%s/%s", c->root, dir);
	if (n < 0 || (size_t)n >= sizeof where ||
	    !run_env(&e, c->root, as_root(where)))
		return warn("%s: domain path too long", prog), -1;
	if (!bindir_find(path, sizeof path, prog))
		return -1;
	argv[0] = path;
	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = 0;
	r.path = path;
	r.argv = argv;
	r.envp = e.envp;
	r.prep = become;
	r.ctx = where;
	code = run(&r, &io);
	if (code == RUN_FAILED) {
		warn_sys(errno == ETIMEDOUT ? "%s did not finish" :
		    "unable to run %s", path);
		return -1;
	}
	if (len)
		*len = io.outlen;
	return code;
}
