/* noroot.h: the helpers (rune-keys, rune-store) do not run as root. */
#ifndef NOROOT_H
#define NOROOT_H

/* exits 100 when the real or effective uid is 0, unless
 * $RUNE_ALLOW_ROOT is "1" (tests and the demo, run as root) */
void noroot(void);

#endif
