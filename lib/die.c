/* die.c: messages of the command-line programs, one line each. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "rune.h"
#include "tsafe.h"

static char const *die_prog = "rune";

void
die_init(char const *prog)
{
	char const *p = strrchr(prog, '/');

	die_prog = p ? p + 1 : prog;
}

static void
say(char const *level, int err, char const *fmt, va_list ap)
{
	char buf[1024];
	int n, m, head;

	n = snprintf(buf, sizeof buf, "%s: %s: ", die_prog, level);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	head = n;
	m = vsnprintf(buf + n, sizeof buf - n, fmt, ap);
	if (m < 0)
		m = 0;
	n = (size_t)(n + m) >= sizeof buf - 2 ? (int)sizeof buf - 2 : n + m;
	if (err) {
		m = snprintf(buf + n, sizeof buf - n, ": %s", strerror(err));
		if (m > 0)
			n = (size_t)(n + m) >= sizeof buf - 2 ?
			    (int)sizeof buf - 2 : n + m;
	}
	/* a line may quote a server or a message: nothing in it may drive
	 * a terminal (tsafe.h), nor end the line early */
	n = head + (int)tsafe_fix(buf + head, (size_t)(n - head), 0);
	buf[n++] = '\n';
	/* one write, so that lines of concurrent processes do not mix */
	if (write(2, buf, n) < 0)
		return;
}

void
die(int code, char const *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("fatal", 0, fmt, ap);
	va_end(ap);
	_exit(code);
}

void
die_sys(int code, char const *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	say("fatal", err, fmt, ap);
	va_end(ap);
	_exit(code);
}

void
die_usage(char const *usage)
{
	die(RUNE_EXIT_PERM, "usage: %s", usage);
}

void
warn(char const *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("warning", 0, fmt, ap);
	va_end(ap);
}

void
warn_sys(char const *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	say("warning", err, fmt, ap);
	va_end(ap);
}

void
info(char const *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("info", 0, fmt, ap);
	va_end(ap);
}
