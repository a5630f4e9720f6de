/* keyexit.h: the exit codes of rune-keys beyond the djb ones
 * (rune-keys(8), EXIT STATUS), for rune-keys and every caller that tells
 * them apart (rune-session, rune-admin). */
#ifndef KEYEXIT_H
#define KEYEXIT_H

#define KEYEXIT_TAKEN	101	/* address registered or reserved */
#define KEYEXIT_TOKEN	102	/* token unknown, used, revoked, other */
#define KEYEXIT_EXPIRED	103	/* token expired */
#define KEYEXIT_STATE	104	/* no such address / wrong state */
#define KEYEXIT_PROOF	105	/* login proof invalid */

#endif
