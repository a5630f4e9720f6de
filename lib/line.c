/* line.c: the bounded line reader: at most max octets are ever buffered,
 * so a peer can't make a line longer than the limit cost memory. */
#include <errno.h>
#include <string.h>

#include <sodium.h>

#include "line.h"

void
line_init(struct line *l, line_readfn read, void *ctx, size_t max)
{
	l->read = read;
	l->ctx = ctx;
	if (max > RUNE_LINE_MAX)
		max = RUNE_LINE_MAX;
	if (max < 1)
		max = 1;
	l->max = max;
	l->have = 0;
	l->used = 0;
	l->crlf = 0;
	memset(l->buf, 0, sizeof l->buf);
}

/* drops the first n buffered octets and wipes the freed tail, so that a
 * line that held a token leaves no copy behind */
static void
drop(struct line *l, size_t n)
{
	memmove(l->buf, l->buf + n, l->have - n);
	sodium_memzero(l->buf + l->have - n, n);
	l->have -= n;
}

/* drops the line handed out last */
static void
consume(struct line *l)
{
	if (l->used == 0)
		return;
	drop(l, l->used);
	l->used = 0;
}

enum line_result
line_get(struct line *l, char **s, size_t *len)
{
	size_t scan = 0, end;
	unsigned char *lf;
	long r;

	consume(l);
	for (;;) {
		lf = memchr(l->buf + scan, '\n', l->have - scan);
		if (lf != NULL)
			break;
		scan = l->have;
		if (l->have >= l->max)
			return LINE_LONG;
		r = l->read(l->ctx, l->buf + l->have, l->max - l->have);
		if (r < 0)
			return LINE_ERR;
		if (r == 0)
			return LINE_EOF;
		if ((size_t)r > l->max - l->have) {
			errno = EIO;		/* a broken source */
			return LINE_ERR;
		}
		l->have += (size_t)r;
	}
	end = (size_t)(lf - l->buf);
	l->used = end + 1;
	l->crlf = end > 0 && l->buf[end - 1] == '\r';
	if (l->crlf)
		end--;
	l->buf[end] = '\0';
	*s = (char *)l->buf;
	*len = end;
	return LINE_OK;
}

int
line_tail(struct line *l, char **s, size_t *len)
{
	size_t end;

	consume(l);
	if (l->have == 0)
		return 0;
	end = l->have;
	l->used = end;
	l->crlf = l->buf[end - 1] == '\r';
	if (l->crlf)
		end--;
	l->buf[end] = '\0';
	*s = (char *)l->buf;
	*len = end;
	return 1;
}

int
line_read_exact(struct line *l, unsigned char *out, size_t n)
{
	size_t k;
	long r;

	consume(l);
	k = l->have < n ? l->have : n;
	if (k > 0) {
		memcpy(out, l->buf, k);
		drop(l, k);
	}
	while (k < n) {
		r = l->read(l->ctx, out + k, n - k);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if ((size_t)r > n - k) {
			errno = EIO;
			return -1;
		}
		k += (size_t)r;
	}
	return 1;
}

size_t
line_pending(struct line const *l)
{
	return l->have - l->used;
}
