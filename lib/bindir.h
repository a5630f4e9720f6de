/* bindir.h: where a program finds the helpers it runs (rune-keys,
 * rune-store, rune-session): $RUNE_BINDIR, resolved here only, and the
 * directory of the running program, the one fallback. */
#ifndef BINDIR_H
#define BINDIR_H

#include <stddef.h>

/* the orders in which the two places are tried */
enum bindir_order {
	/* $RUNE_BINDIR when set and absolute, whether or not prog is
	 * there (a service names its helpers; rune-session); else beside
	 * the running program */
	BINDIR_ENV,
	/* beside the running program when prog is executable there, then
	 * in $RUNE_BINDIR when it is there (rune-admin: the helpers of
	 * the rune-admin the administrator ran) */
	BINDIR_SELF
};

/* the directory holding prog into dir[max]; 1 found, 0 not (errno
 * ENOENT or ENAMETOOLONG; with BINDIR_SELF a warning names where it
 * looked) */
int bindir_dir(char *dir, size_t max, char const *prog,
    enum bindir_order order);

/* as bindir_dir, the full path of prog into path[max] */
int bindir_path(char *path, size_t max, char const *prog,
    enum bindir_order order);

#endif
