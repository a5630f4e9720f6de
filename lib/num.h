/* num.h: section 3 numbers and big-endian packing. */
#ifndef NUM_H
#define NUM_H

#include <stddef.h>
#include <stdint.h>

#define NUM_FMT_MAX 21	/* 20 digits of a uint64_t and NUL */

/* 1: *n holds the value of s[0..len); 0: not a number (13.6) */
int num_parse(uint64_t *n, char const *s, size_t len);

/* writes n in decimal with a NUL into buf[NUM_FMT_MAX]; returns digits */
size_t num_fmt(char *buf, uint64_t n);

void num_pack_be8(unsigned char *b, uint64_t n);
uint64_t num_unpack_be8(unsigned char const *b);
void num_pack_be4(unsigned char *b, uint32_t n);
uint32_t num_unpack_be4(unsigned char const *b);

#endif
