/* keys-lookup.c: bench/keys.sh's lookup timer: N keytab_lookup calls of
 * random addresses PREFIX0000000@DOMAIN .. PREFIX(COUNT-1)@DOMAIN under
 * ROOT; prints the mean in microseconds.  Not a test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "addr.h"
#include "keytab.h"

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	unsigned long n, count, i, found = 0;
	struct keyrec r;
	struct addr a;
	char s[128];
	double us;

	if (argc != 6 || sodium_init() < 0)
		return fprintf(stderr, "usage: keys-lookup ROOT N PREFIX "
		    "COUNT DOMAIN\n"), 100;
	n = strtoul(argv[2], 0, 10);
	count = strtoul(argv[4], 0, 10);
	if (n == 0 || count == 0)
		return 100;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		int k = snprintf(s, sizeof s, "%s%07lu@%s", argv[3],
		    (unsigned long)randombytes_uniform((uint32_t)count),
		    argv[5]);

		if (k < 0 || (size_t)k >= sizeof s ||
		    !addr_parse(&a, s, (size_t)k))
			return 100;
		if (keytab_lookup(argv[1], &a, &r) < 0)
			return perror("keytab_lookup"), 111;
		found += r.state == KEYTAB_ACTIVE;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) /
	    1e3 / (double)n;
	printf("%.2f %lu\n", us, found);
	return 0;
}
