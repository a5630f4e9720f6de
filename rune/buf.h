/* buf.h: a growable octet buffer for the messages the client builds and
 * reads; every failure to grow ends the program (exit 111). */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	unsigned char *s;
	size_t len;
	size_t cap;
};

/* room for n more octets beyond len (s may move); exits 111 when out of
 * memory or when len + n overflows */
void buf_room(struct buf *b, size_t n);

/* appends p[0..n) */
void buf_put(struct buf *b, void const *p, size_t n);

/* appends the string s (without its NUL) */
void buf_puts(struct buf *b, char const *s);

/* appends printf-formatted text (without its NUL) */
void buf_fmt(struct buf *b, char const *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* wipes and frees the octets; b is empty after */
void buf_free(struct buf *b);

#endif
