/* out.h: a received payload written out for people and mail readers. */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* writes p[0..n) to f with every CRLF made LF; with safe, every other
 * control octet but tab and LF as '?' (for a terminal); 1 ok, 0 error */
int out_text(FILE *f, unsigned char const *p, size_t n, int safe);

/* the RFC 5322 date of the server's time t into out[64] */
void out_date(char out[64], uint64_t t);

#endif
