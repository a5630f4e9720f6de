/* reply.c: fuzz target: the client's reply parser (lib/reply.c
 * reply_read, as rune/conn.c reads replies, and reply_parse) and the
 * split of a reply's last line into arguments (rune/conn.c conn_args).
 * Octet 0 picks the size of each read; the rest is what a server sent. */
#include <string.h>

#include "conn.h"
#include "fuzz.h"
#include "line.h"
#include "reply.h"
#include "tok.h"

static struct conn cn;		/* large: not on the stack */

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	struct fuzz_mem m;
	struct tok v[RUNE_ARGS_MAX];
	int r, i, n;

	if (size < 1)
		return 0;
	m.p = data + 1;
	m.len = size - 1;
	m.pos = 0;
	m.chunk = (size_t)data[0] + 1;
	line_init(&cn.in, fuzz_mem_read, &m, RUNE_LINE_MAX);
	for (i = 0; i < 64; i++) {
		r = reply_read(&cn.in, &cn.rep);
		if (r < 0)
			break;
		if (r == 0)
			continue;
		if (cn.rep.code < 200 || cn.rep.code > 599 ||
		    cn.rep.nlines < 1 || cn.rep.nlines > REPLY_LINES_MAX ||
		    cn.rep.total < cn.rep.nlines)
			__builtin_trap();
		n = conn_args(&cn, v, RUNE_ARGS_MAX);
		if (n > RUNE_ARGS_MAX)
			__builtin_trap();
	}
	/* the same octets as one whole reply */
	(void)reply_parse(&cn.rep, (char const *)data + 1, size - 1);
	return 0;
}
