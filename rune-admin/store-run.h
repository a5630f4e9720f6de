/* store-run.h: running rune-store, the only writer of the mailboxes,
 * from rune-admin. */
#ifndef STORE_RUN_H
#define STORE_RUN_H

#include <stddef.h>
#include "conf.h"

/* the seconds rune-store may run (an expire of a large store) */
#define STORE_RUN_DEADLINE 600

/* runs "rune-store cmd" for the domain c; its output into buf (at most
 * max - 1 octets, NUL-ended); 1 it exited 0, 0 otherwise (said why) */
int store_run(struct conf const *c, char const *cmd, char *buf, size_t max);

#endif
