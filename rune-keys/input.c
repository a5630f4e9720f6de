/* input.c: rune-keys's standard input: a few short lines (a key, a
 * token, a login proof) through the bounded line reader (lib/line.c),
 * which wipes each line once the next is asked for. */
#include <errno.h>
#include <unistd.h>

#include <sodium.h>

#include "die.h"
#include "keys.h"

static long
read0(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t r;

	(void)ctx;
	do
		r = read(0, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

void
input_init(struct line *l)
{
	line_init(l, read0, NULL, KEYS_INPUT_MAX);
}

int
input_line(struct line *l, char **s, size_t *n)
{
	switch (line_get(l, s, n)) {
	case LINE_OK:
		return 1;
	case LINE_EOF:
		return line_tail(l, s, n);
	case LINE_LONG:
		warn("input too long");
		return -1;
	case LINE_ERR:
		break;
	}
	warn_sys("unable to read stdin");
	return -1;
}

void
input_wipe(struct line *l)
{
	sodium_memzero(l, sizeof *l);
}
