/* show.c: what the client prints, as show.h says. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "die.h"
#include "mimeenc.h"
#include "rune.h"
#include "show.h"
#include "tsafe.h"

void
show_printf(char const *fmt, ...)
{
	char small[1024], *s = small;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to format");
	if ((size_t)n >= sizeof small) {
		if ((s = malloc((size_t)n + 1)) == NULL)
			die_sys(RUNE_EXIT_TEMP, "out of memory");
		va_start(ap, fmt);
		n = vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		if (n < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to format");
	}
	if (!tsafe_put(stdout, (unsigned char const *)s, (size_t)n, TSAFE_LF))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	if (s != small)
		free(s);
}

void
show_safe(unsigned char const *p, size_t n)
{
	if (!tsafe_put(stdout, p, n, TSAFE_LF) ||
	    (n > 0 && p[n - 1] != '\n' && putchar('\n') == EOF))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
}

void
show_flush(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
}

int
show_text(FILE *f, unsigned char const *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if (putc(p[i], f) == EOF)
			return 0;
	}
	if (n > 0 && p[n - 1] != '\n' && putc('\n', f) == EOF)
		return 0;
	return 1;
}

void
show_date(char out[64], uint64_t t)
{
	/* time_t is 64 bits here; a later time than it holds is clamped */
	mimeenc_date(out, t > INT64_MAX ? (time_t)INT64_MAX : (time_t)t);
}
