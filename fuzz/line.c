/* line.c: fuzz target: the bounded line reader (lib/line.c) and the
 * tokenizer (lib/tok.c), as rune-session uses them.  Octet 0 picks the
 * size of each read (1..256), octet 1 the line limit; the rest is the
 * stream.  A line "=N" reads N raw octets (line_read_exact), as SEND's
 * body follows its line. */
#include <string.h>

#include "fuzz.h"
#include "line.h"
#include "tok.h"

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	static unsigned char raw[512];
	struct fuzz_mem m;
	struct line l;
	struct tok v[RUNE_ARGS_MAX + 1];
	enum line_result r;
	char *s;
	size_t len;

	if (size < 2)
		return 0;
	m.p = data + 2;
	m.len = size - 2;
	m.pos = 0;
	m.chunk = (size_t)data[0] + 1;
	line_init(&l, fuzz_mem_read, &m, data[1] < 2 ? RUNE_LINE_MAX :
	    (size_t)data[1] * 8);
	while ((r = line_get(&l, &s, &len)) == LINE_OK) {
		int n, i;

		if (s[len] != '\0' || len >= l.max)
			__builtin_trap();
		if (len > 1 && s[0] == '=' && len < 5) {
			size_t want = (size_t)(s[1] & 0x7f) * 4;

			if (line_read_exact(&l, raw, want) != 1)
				break;
			continue;
		}
		if (!tok_printable(s, len))
			continue;
		n = tok_split(v, RUNE_ARGS_MAX, s, len);
		for (i = 0; i < n; i++) {
			if (v[i].len == 0 || v[i].s < s ||
			    v[i].s + v[i].len > s + len ||
			    memchr(v[i].s, ' ', v[i].len))
				__builtin_trap();
			(void)tok_is(&v[i], "SEND");
		}
		(void)line_pending(&l);
	}
	return 0;
}
