/* hexid.h: message ids as 64 lowercase hex digits (13.14). */
#ifndef HEXID_H
#define HEXID_H

#include <stddef.h>
#include "rune.h"

/* 1: s[0..len) is lowercase hex digits only (ids, mailbox names, times) */
int hexid_lower(char const *s, size_t len);

/* 1: id holds the octets of s[0..len); 0: not 64 lowercase hex digits */
int hexid_parse(unsigned char id[RUNE_ID_LEN], char const *s, size_t len);

/* writes 64 lowercase hex digits and a NUL */
void hexid_fmt(char out[RUNE_ID_HEX_LEN + 1],
    unsigned char const id[RUNE_ID_LEN]);

/* id = BLAKE2b-256 of b[0..len) */
void hexid_of(unsigned char id[RUNE_ID_LEN], unsigned char const *b,
    size_t len);

#endif
