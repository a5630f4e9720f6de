/* sentcopy.h: the copy of a sent message kept in a Maildir (rune send
 * --sent, config/sent; an anonymous one when it goes). */
#ifndef SENTCOPY_H
#define SENTCOPY_H

#include <stddef.h>
#include "addr.h"
#include "rune.h"

/* delivers p[0..n) into the Maildir dir as a sent copy (X-Rune-Sent-Id
 * fields first, one per receiver); exits on failure as maildir.h says */
void sentcopy_deliver(char const *dir, unsigned char const *p, size_t n,
    struct addr const *to, size_t nto,
    char const (*ids)[RUNE_ID_HEX_LEN + 1]);

#endif
