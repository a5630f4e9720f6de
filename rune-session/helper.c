/* helper.c: rune-keys and rune-store as the session runs them, through
 * the one way to run a helper (lib/run.c): found through lib/bindir.c
 * ($RUNE_BINDIR), a fixed argv, an environment of RUNE_ROOT only (and
 * the tests' settings, lib/run.c); posix_spawn and a pidfd deadline. */
#include <limits.h>
#include <string.h>

#include <sodium.h>

#include "bindir.h"
#include "helper.h"
#include "run.h"
#include "session.h"

/* r runs prog; path and e hold what it points to */
static int
prepare(struct run *r, char path[PATH_MAX], struct run_env *e,
    struct session const *s, char const *prog, char const *const argv[])
{
	if (!bindir_path(path, PATH_MAX, prog) ||
	    !run_env(e, s->conf.root, 0))
		return 0;
	r->path = path;
	r->argv = argv;
	r->envp = e->envp;
	r->prep = NULL;
	r->ctx = NULL;
	return 1;
}

int
helper_spawn(struct session const *s, char const *prog,
    char const *const argv[], int *in, int *out, pid_t *pid)
{
	char path[PATH_MAX];
	struct run_env e;
	struct run r;

	return prepare(&r, path, &e, s, prog, argv) &&
	    run_start(&r, in, out, NULL, pid);
}

int
helper_wait(pid_t pid, int ms)
{
	int code = run_wait(pid, ms);

	return code == RUN_FAILED ? 111 : code;
}

int
helper_run(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len)
{
	struct run_io io = { .in = data, .inlen = len,
	    .ms = HELPER_DEADLINE_MS };
	char path[PATH_MAX];
	struct run_env e;
	struct run r;
	int code;

	if (!prepare(&r, path, &e, s, prog, argv))
		return 111;
	code = run(&r, &io);
	return code == RUN_FAILED ? 111 : code;
}

int
helper_run_out(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len, char *out,
    size_t max)
{
	struct run_io io = { .in = data, .inlen = len,
	    .out = (unsigned char *)out, .outmax = max,
	    .ms = HELPER_DEADLINE_MS };
	char path[PATH_MAX];
	struct run_env e;
	struct run r;
	int code, ok;

	out[0] = 0;
	if (!prepare(&r, path, &e, s, prog, argv))
		return 111;
	code = run(&r, &io);
	if (code == RUN_FAILED)
		code = 111;
	/* one line, ended, no NUL in it */
	ok = !io.over && io.outlen > 0 && out[io.outlen - 1] == '\n' &&
	    memchr(out, 0, io.outlen - 1) == NULL;
	if (!ok) {
		sodium_memzero(out, max);
		return code == 0 ? 111 : code;
	}
	out[io.outlen - 1] = 0;
	return code;
}
