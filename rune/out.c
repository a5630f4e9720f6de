/* out.c: payloads written out, as out.h says. */
#include <stdint.h>
#include <time.h>

#include "mimeenc.h"
#include "out.h"

int
out_text(FILE *f, unsigned char const *p, size_t n, int safe)
{
	size_t i;
	int c;

	for (i = 0; i < n; i++) {
		c = p[i];
		if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
			continue;
		if (safe && ((c < 0x20 && c != '\t' && c != '\n') ||
		    c == 0x7f))
			c = '?';
		if (putc(c, f) == EOF)
			return 0;
	}
	if (n > 0 && p[n - 1] != '\n' && putc('\n', f) == EOF)
		return 0;
	return 1;
}

void
out_date(char out[64], uint64_t t)
{
	/* time_t is 64 bits here; a later time than it holds is clamped */
	mimeenc_date(out, t > INT64_MAX ? (time_t)INT64_MAX : (time_t)t);
}
