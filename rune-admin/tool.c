/* tool.c: running a system tool (openssl, groupadd, useradd) through
 * the one way to run a program (lib/run.c): no shell, a fixed
 * environment, its stdout collected (bounded), its stderr kept (bounded)
 * and shown only when it fails, all under one deadline. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "die.h"
#include "run.h"
#include "tool.h"

#define ERR_MAX 2048	/* octets of the tool's stderr kept */

char const *
tool_openssl(void)
{
	char const *p = getenv("RUNE_OPENSSL");

	if (p && p[0] == '/')
		return p;
	return "/usr/bin/openssl";
}

/* in the child: what it writes is for us only */
static int
private(void *ctx)
{
	(void)ctx;
	umask(077);
	return 1;
}

/* shows the tool's stderr, line by line, as warnings */
static void
show(char const *name, char const *err, size_t elen)
{
	size_t i = 0;

	while (i < elen) {
		size_t j = i;

		while (j < elen && err[j] != '\n')
			j++;
		if (j > i)
			warn("%s: %.*s", name, (int)(j - i), err + i);
		i = j + 1;
	}
}

int
tool_run(char const *const *argv, unsigned char *out, size_t max,
    size_t *len)
{
	static char *const envp[] = { "PATH=/usr/bin:/bin", 0 };
	struct run r = { argv[0], argv, envp, private, 0 };
	char err[ERR_MAX];
	struct run_io io = { .out = out, .outmax = max, .err = err,
	    .errmax = sizeof err, .ms = TOOL_DEADLINE * 1000 };
	int code = run(&r, &io);

	if (code == RUN_FAILED && errno == ETIMEDOUT) {
		warn("%s %s: timed out or unreadable", argv[0], argv[1]);
		return 0;
	}
	if (code == RUN_FAILED && io.errlen == 0) {
		warn_sys("unable to run %s (set $RUNE_OPENSSL?)", argv[0]);
		return 0;
	}
	if (code != 0) {
		show(argv[0], err, io.errlen);
		warn("%s %s failed", argv[0], argv[1]);
		return 0;
	}
	if (io.over) {
		warn("%s %s: output too long", argv[0], argv[1]);
		return 0;
	}
	if (len)
		*len = io.outlen;
	return 1;
}
