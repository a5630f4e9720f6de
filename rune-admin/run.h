/* run.h: running a helper program: fork and execve, no shell. */
#ifndef RUN_H
#define RUN_H

#include <stddef.h>

/* the seconds a child program (openssl) may run */
#define RUN_DEADLINE 60

/* runs argv (argv[0] an absolute path) with a fresh environment, stdin
 * /dev/null, umask 077; its stdout goes into out[0..max) (*len set) or,
 * when out is 0, is dropped; its stderr is shown when it fails.
 * Returns 1 when it exited 0, 0 otherwise (a message printed) */
int run_cmd(char const *const *argv, unsigned char *out, size_t max,
    size_t *len);

/* the absolute path of openssl: $RUNE_OPENSSL or /usr/bin/openssl */
char const *run_openssl(void);

#endif
