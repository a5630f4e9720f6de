/* key.h: the "ed25519:" public key text (13.2). */
#ifndef KEY_H
#define KEY_H

#include <stddef.h>
#include "rune.h"

/* 1: pk holds the 32 key octets of s[0..len); 0: invalid key text */
int key_parse(unsigned char pk[RUNE_PK_LEN], char const *s, size_t len);

/* writes the key text and a NUL into out; returns RUNE_KEY_TEXT_LEN */
size_t key_fmt(char out[RUNE_KEY_TEXT_LEN + 1],
    unsigned char const pk[RUNE_PK_LEN]);

#endif
