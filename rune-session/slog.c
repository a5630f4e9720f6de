/* slog.c: the session's log lines: key=value after a random
 * per-connection id, one write each. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "session.h"
#include "slog.h"

void
slog(struct session const *s, char const *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n, m;

	n = snprintf(buf, sizeof buf, "rune-session: info: sid=%s ", s->sid);
	if (n < 0)
		return;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof buf - n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n = (size_t)(n + m) >= sizeof buf - 1 ? (int)sizeof buf - 2 : n + m;
	buf[n++] = '\n';
	if (write(2, buf, n) < 0)
		return;
}
