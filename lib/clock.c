/* clock.c: the wall clock, or a fixed time for tests.  $RUNE_TEST_NOW is
 * read with secure_getenv: a setuid helper (rune-keys, rune-store as
 * rune-admin setup installs them) never takes its clock from its
 * caller's environment. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "die.h"
#include "num.h"
#include "rune.h"

/* 1: the test time is set (*t); 0: use the system's clock */
static int
test_now(uint64_t *t)
{
	char const *e = secure_getenv(CLOCK_TEST_VAR);

	if (e == NULL)
		return 0;
	if (!num_parse(t, e, strlen(e)) || *t > CLOCK_TEST_MAX)
		die(RUNE_EXIT_PERM, "invalid $%s", CLOCK_TEST_VAR);
	return 1;
}

uint64_t
clock_now_ns(void)
{
	struct timespec ts;
	uint64_t t;

	if (test_now(&t))
		return t * 1000000000u;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the clock");
	if (ts.tv_sec < 0)
		return 0;	/* before 1970: the clock is wrong; as 1970 */
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t
clock_now(void)
{
	return clock_now_ns() / 1000000000u;
}

long long
clock_ms(void)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return 0;
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}
