/* tool.h: the system's tools rune-admin runs (openssl, the shadow
 * suite's groupadd and useradd) through lib/run.c. */
#ifndef TOOL_H
#define TOOL_H

#include <stddef.h>

/* the seconds a tool may run */
#define TOOL_DEADLINE 60

/* runs argv (argv[0] an absolute path) with the environment
 * PATH=/usr/bin:/bin only, stdin /dev/null, umask 077; its stdout goes
 * into out[0..max) (*len set) or, when out is 0, is dropped; its stderr
 * is shown when it fails.  Returns 1 when it exited 0, 0 otherwise (a
 * message printed) */
int tool_run(char const *const *argv, unsigned char *out, size_t max,
    size_t *len);

/* the absolute path of openssl: $RUNE_OPENSSL or /usr/bin/openssl */
char const *tool_openssl(void);

#endif
