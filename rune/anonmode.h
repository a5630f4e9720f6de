/* anonmode.h: how a message goes (doc/protocol-v2.md 2.7 C1, A4;
 * doc/client.md "Anonymous sending"): anonymously where the pinned
 * ANONSEND line says the server offers it, chosen from what is held,
 * before any connection; and the longest random delay before an
 * anonymous send. */
#ifndef ANONMODE_H
#define ANONMODE_H

#include <stdint.h>
#include "home.h"

#define ANONMODE_DELAY_DEFAULT	900	/* seconds */
#define ANONMODE_DELAY_MAX	(7 * 86400)

/* 1: the pinned ANONSEND line (tokens/anonsend) says the server offers
 * anonymous sending */
int anonmode_offered(struct home const *h);

/* the longest random delay (config/anondelay, seconds; default
 * ANONMODE_DELAY_DEFAULT); exits 100 when the file is not 0..MAX */
uint64_t anonmode_delay_max(struct home const *h);

#endif
