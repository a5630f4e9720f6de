/* 135-lib-run: the one way to run a helper (lib/run.c): the argv and
 * environment given and nothing else, the input on stdin, a bounded
 * stdout, stderr kept, a deadline that kills, a failed start as an
 * errno, and a change in the child (prep) before the execve. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "run.h"
#include "tap.h"

static char *const env[] = { "A=1", "B=two", 0 };

static int
sh(char const *script, void const *in, size_t inlen, unsigned char *out,
    size_t max, struct run_io *io, int (*prep)(void *))
{
	char const *argv[] = { "sh", "-c", script, 0 };
	struct run r = { "/bin/sh", argv, env, prep, 0 };

	memset(io, 0, sizeof *io);
	io->in = in;
	io->inlen = inlen;
	io->out = out;
	io->outmax = max;
	io->ms = 5000;
	return run(&r, io);
}

static int
mask(void *ctx)
{
	(void)ctx;
	umask(027);
	return 1;
}

static int
refuse(void *ctx)
{
	(void)ctx;
	errno = EPERM;
	return 0;
}

int
main(void)
{
	unsigned char out[64];
	char err[64];
	struct run_io io;
	struct run_env e;
	long long t0;
	int code;

	signal(SIGPIPE, SIG_IGN);

	/* the environment given, and nothing else; the exit code */
	code = sh("env | grep -v PWD= | sort; exit 3", 0, 0, out, sizeof out,
	    &io, 0);
	ok(code == 3, "its exit code comes back (%d)", code);
	is_bytes(out, io.outlen, "A=1\nB=two\n", 10, "only the environment "
	    "given");

	/* the input on stdin, the output back */
	code = sh("tr a-z A-Z", "hello\n", 6, out, sizeof out, &io, 0);
	ok(code == 0, "a filter exits 0");
	is_bytes(out, io.outlen, "HELLO\n", 6, "stdin in, stdout out");
	code = sh("cat", 0, 0, out, sizeof out, &io, 0);
	ok(code == 0 && io.outlen == 0, "no input: /dev/null");

	/* input larger than a pipe holds, while the output is read */
	{
		static unsigned char big[300000];

		memset(big, 'x', sizeof big);
		code = sh("cat; echo", big, sizeof big, out, sizeof out, &io,
		    0);
		ok(code == 0 && io.over && io.outlen == sizeof out &&
		    out[0] == 'x', "300000 octets through cat: the first %zu "
		    "kept, the rest read and dropped", sizeof out);
	}

	/* a bounded stdout */
	code = sh("printf 0123456789", 0, 0, out, 4, &io, 0);
	ok(code == 0 && io.over && io.outlen == 4 &&
	    memcmp(out, "0123", 4) == 0, "output over the bound: cut, "
	    "and said");

	/* stderr kept when asked */
	memset(&io, 0, sizeof io);
	{
		char const *argv[] = { "sh", "-c", "echo oops >&2; exit 1", 0 };
		struct run r = { "/bin/sh", argv, env, 0, 0 };

		io.err = err;
		io.errmax = sizeof err;
		io.ms = 5000;
		code = run(&r, &io);
		is_bytes(err, io.errlen, "oops\n", 5, "stderr kept (exit %d)",
		    code);
	}

	/* the deadline kills */
	memset(&io, 0, sizeof io);
	{
		char const *argv[] = { "sleep", "10", 0 };
		struct run r = { "/bin/sleep", argv, env, 0, 0 };

		io.ms = 300;
		t0 = clock_ms();
		code = run(&r, &io);
		ok(code == RUN_FAILED && errno == ETIMEDOUT &&
		    clock_ms() - t0 < 5000, "past the deadline: killed, "
		    "ETIMEDOUT");
	}

	/* a start that fails is an errno, through posix_spawn or fork */
	{
		char const *argv[] = { "x", 0 };
		struct run r = { "/nonexistent/x", argv, env, 0, 0 };

		memset(&io, 0, sizeof io);
		io.ms = 5000;
		errno = 0;
		code = run(&r, &io);
		ok(code == RUN_FAILED && errno == ENOENT,
		    "no such program: ENOENT (posix_spawn)");
		r.prep = mask;
		errno = 0;
		code = run(&r, &io);
		ok(code == RUN_FAILED && errno == ENOENT,
		    "no such program: ENOENT (fork)");
	}
	code = sh("true", 0, 0, out, sizeof out, &io, refuse);
	ok(code == RUN_FAILED && errno == EPERM, "a prep that fails: its "
	    "errno, nothing run");

	/* prep runs in the child, before the execve */
	code = sh("umask", 0, 0, out, sizeof out, &io, mask);
	is_bytes(out, io.outlen, "0027\n", 5, "prep ran in the child");

	/* run_env: RUNE_ROOT, RUNE_ALLOW_ROOT=1 only when 1, a numeric
	 * RUNE_TEST_NOW only */
	setenv("RUNE_ALLOW_ROOT", "yes", 1);
	setenv("RUNE_TEST_NOW", "12345", 1);
	ok(run_env(&e, "/d", 0) && strcmp(e.envp[0], "RUNE_ROOT=/d") == 0 &&
	    strcmp(e.envp[1], "RUNE_TEST_NOW=12345") == 0 && !e.envp[2],
	    "run_env: RUNE_ROOT, the test clock; RUNE_ALLOW_ROOT=yes not");
	setenv("RUNE_TEST_NOW", "1;x", 1);
	ok(run_env(&e, "/d", 1) &&
	    strcmp(e.envp[1], "RUNE_ALLOW_ROOT=1") == 0 && !e.envp[2],
	    "run_env: allow_root; a test clock that is not a number not");
	return done();
}
