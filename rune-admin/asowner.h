/* asowner.h: rune-admin, run as root, runs a helper as the owner of the
 * directory the helper writes, through lib/run.c. */
#ifndef ASOWNER_H
#define ASOWNER_H

#include <stddef.h>
#include "conf.h"

/* runs $dir/../prog (found beside rune-admin, then in $RUNE_BINDIR:
 * lib/bindir.c) with args (0-ended, at most 6), the environment of
 * lib/run.c's run_env for c->root, stdin /dev/null, its stderr ours;
 * when root and c->root/dir belongs to another user, as that user (and
 * its group); its stdout into out[0..max) (*len set, the rest dropped;
 * out 0: /dev/null), within secs seconds.  Returns its exit code, or -1
 * when it could not run or was killed (a message printed) */
int asowner_run(struct conf const *c, char const *prog, char const *dir,
    char const *const *args, unsigned char *out, size_t max, size_t *len,
    int secs);

#endif
