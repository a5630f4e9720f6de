/* ownroot.h: the domain directory and settings of a helper (rune-keys,
 * rune-store), which its caller does not choose (doc/privsep.md). */
#ifndef OWNROOT_H
#define OWNROOT_H

#include "conf.h"

/* 1 when the process runs setuid or setgid: started by another user,
 * whose environment and arguments are not to be trusted */
int ownroot_setuid(void);

/* loads c from the domain directory $RUNE_ROOT, settings from control/
 * only (never $RUNE_NAME).  When setuid, $RUNE_ROOT must be absolute;
 * it is resolved (realpath) and used only when every directory on the
 * way, ROOT itself and control/ with its files belong to root or to the
 * effective uid and no one else may write them (a sticky directory such
 * as /tmp excepted), and ROOT/own (keys or store) belongs to the
 * effective uid; otherwise exits 100 saying why */
void ownroot_load(struct conf *c, char const *own);

#endif
