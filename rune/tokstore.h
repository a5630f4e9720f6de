/* tokstore.h: the token files under the home (tokens.h's store), for
 * tokfetch.c; the rest of the client uses tokens.h. */
#ifndef TOKSTORE_H
#define TOKSTORE_H

#include <stddef.h>
#include <stdint.h>
#include "home.h"
#include "tokens.h"

#define TOKSTORE_FILE_LEN	(32 + VOPRF_OUT)	/* t || y */

/* writes tokens/EPOCH/HEX(t) holding t || y (0600, whole or not at all,
 * file and directory fsynced); exits 111 on failure */
void tokstore_put(struct home const *h, uint64_t epoch,
    unsigned char const t[32], unsigned char const y[VOPRF_OUT]);

/* how many tokens of epoch are held */
size_t tokstore_held(struct home const *h, uint64_t epoch);

/* removes the token directories and key pins of the epochs e with
 * e + 2 <= the epoch of now (the conflict evidence stays); exits 111
 * when it cannot */
void tokstore_clean(struct home const *h, struct anoncaps const *ac,
    uint64_t now);

#endif
