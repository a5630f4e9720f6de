/* buf.c: the growable octet buffer of buf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "die.h"
#include "rune.h"

void
buf_room(struct buf *b, size_t n)
{
	size_t cap;
	unsigned char *p;

	if (n > (size_t)-1 - b->len - 1)
		die(RUNE_EXIT_PERM, "message too large");
	if (b->len + n + 1 <= b->cap)
		return;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n + 1)
		cap = cap > (size_t)-1 / 2 ? b->len + n + 1 : cap * 2;
	p = realloc(b->s, cap);
	if (p == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	b->s = p;
	b->cap = cap;
}

void
buf_put(struct buf *b, void const *p, size_t n)
{
	buf_room(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, char const *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_fmt(struct buf *b, char const *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to format");
	buf_room(b, (size_t)n);
	va_start(ap, fmt);
	(void)vsnprintf((char *)b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_free(struct buf *b)
{
	if (b->s != NULL) {
		sodium_memzero(b->s, b->cap);
		free(b->s);
	}
	b->s = NULL;
	b->len = b->cap = 0;
}
