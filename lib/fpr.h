/* fpr.h: fingerprints of keys (13.4). */
#ifndef FPR_H
#define FPR_H

#include <stddef.h>
#include "rune.h"

/* fp = first 16 octets of BLAKE2b-256 of key[0..len) */
void fpr_make(unsigned char fp[RUNE_FPR_LEN], unsigned char const *key,
    size_t len);

/* writes "xxxx xxxx ... xxxx" and a NUL (RUNE_FPR_TEXT_LEN + 1 octets) */
void fpr_fmt(char out[RUNE_FPR_TEXT_LEN + 1],
    unsigned char const fp[RUNE_FPR_LEN]);

/* 1: fp holds a typed fingerprint (groups split by spaces, colons or
 * nothing, either case); 0: not a fingerprint */
int fpr_parse(unsigned char fp[RUNE_FPR_LEN], char const *s, size_t len);

#endif
