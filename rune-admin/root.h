/* root.h: which domain a rune-admin subcommand works on. */
#ifndef ROOT_H
#define ROOT_H

#include "conf.h"

/* loads the domain directory: "--root DIR" at argv[1..2] (removed from
 * argv), else $RUNE_ROOT; exits 100 or 111 on a bad one */
void admin_root(struct conf *c, int *argc, char **argv);

/* as admin_root, for a subcommand that takes no other argument: exits
 * 100 with usage when there is one */
void admin_root_only(struct conf *c, int argc, char **argv,
    char const *usage);

#endif
