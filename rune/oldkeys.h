/* oldkeys.h: the keys an address had before, kept when its pin is
 * replaced (rune pin --replace), so that a message signed before the
 * change still reads as "signed by the previous key" (doc/client.md):
 *   pins/replaced/ADDRESS/FPRHEX   the replaced key's text */
#ifndef OLDKEYS_H
#define OLDKEYS_H

#include "addr.h"
#include "home.h"
#include "rune.h"

/* keeps the key pinned for a (when the pin holds a key) as replaced;
 * exits 111 on failure */
void oldkeys_keep(struct home const *h, struct addr const *a);

/* calls fn with each replaced key of a until it returns 1; then 1 (fp
 * set to that key's fingerprint); 0 none did */
int oldkeys_find(struct home const *h, struct addr const *a,
    int (*fn)(unsigned char const pk[RUNE_PK_LEN], void *), void *arg,
    unsigned char fp[RUNE_FPR_LEN]);

/* prints "replaced ADDRESS FPR KEY" for each replaced key of every
 * address, for rune pins */
void oldkeys_list(struct home const *h);

#endif
