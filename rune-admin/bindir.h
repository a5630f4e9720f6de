/* bindir.h: where rune-admin finds its helpers (rune-keys, rune-store,
 * rune-session), the same way in every subcommand: beside rune-admin
 * itself, then in $RUNE_BINDIR. */
#ifndef BINDIR_H
#define BINDIR_H

#include <stddef.h>

/* the directory holding an executable prog into dir[max]: rune-admin's
 * own directory, then $RUNE_BINDIR (absolute); 1 found, 0 not (warned,
 * naming where it looked) */
int admin_bindir(char *dir, size_t max, char const *prog);

/* as admin_bindir, the full path of prog into path[max] */
int admin_helper(char *path, size_t max, char const *prog);

#endif
