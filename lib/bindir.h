/* bindir.h: where a program finds the helpers it runs (rune-keys,
 * rune-store, rune-session): $RUNE_BINDIR, resolved here only, and the
 * directory of the running program, the one fallback, in one order. */
#ifndef BINDIR_H
#define BINDIR_H

#include <stddef.h>

/* the one rule, for rune-session and rune-admin alike: $RUNE_BINDIR when
 * set and absolute (a service names its helpers; setup writes it into the
 * service's env/), else the directory of the running program
 * (/proc/self/exe).  The directory into dir[max]; 1 done, 0 none
 * (errno ENOENT or ENAMETOOLONG).  prog is not checked. */
int bindir_dir(char *dir, size_t max, char const *prog);

/* as bindir_dir, the full path of prog into path[max] */
int bindir_path(char *path, size_t max, char const *prog);

/* as bindir_path, and prog must be executable there; else a warning
 * names where it looked, 0 (errno ENOENT) */
int bindir_find(char *path, size_t max, char const *prog);

#endif
