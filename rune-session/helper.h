/* helper.h: starting rune-keys and rune-store (style 2: fixed argv,
 * fresh environment, bulk data on stdin, verdict in the exit code). */
#ifndef HELPER_H
#define HELPER_H

#include <stddef.h>
#include <sys/types.h>

struct session;

#define HELPER_DEADLINE_MS 30000

/* starts $RUNE_BINDIR/prog (lib/bindir.c) with argv (argv[0] unused);
 * *in is its stdin, *out its stdout (out may be NULL: /dev/null);
 * 1 started, 0 failed (errno set) */
int helper_spawn(struct session const *s, char const *prog,
    char const *const argv[], int *in, int *out, pid_t *pid);

/* waits for pid until ms have passed (then kills it); returns its exit
 * code, or 111 for a signal, a timeout or a failure */
int helper_wait(pid_t pid, int ms);

/* runs prog with argv, writes data[0..len) on its stdin, waits;
 * returns its exit code (111 when it could not run) */
int helper_run(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len);

/* as helper_run, and reads the first line of its stdout (without the
 * LF) into out[0..max), NUL-ended; a line that does not fit, or none,
 * makes the result 111 */
int helper_run_out(struct session const *s, char const *prog,
    char const *const argv[], void const *data, size_t len, char *out,
    size_t max);

#endif
