/* clock.h: the wall clock of the server programs, which a test may fix
 * with $RUNE_TEST_NOW (doc/decisions.md), and the monotonic clock of
 * deadlines. */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

#define CLOCK_TEST_VAR	"RUNE_TEST_NOW"
/* the largest test time (in the year 2286): its nanoseconds fit in 64
 * bits */
#define CLOCK_TEST_MAX	9999999999ULL

/* the time in Unix seconds: $RUNE_TEST_NOW when it is set and the
 * process runs with no privilege it did not get from its caller (not
 * setuid, setgid or with file capabilities: secure_getenv), else the
 * system's clock; exits 100 on an invalid $RUNE_TEST_NOW, 111 when the
 * clock cannot be read */
uint64_t clock_now(void);

/* as clock_now, in nanoseconds since the epoch */
uint64_t clock_now_ns(void);

/* now on the monotonic clock, in milliseconds: the unit of deadlines
 * (never set back, never the test clock); 0 when it cannot be read */
long long clock_ms(void);

#endif
