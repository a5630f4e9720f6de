/* root.h: which domain a rune-admin subcommand works on. */
#ifndef ROOT_H
#define ROOT_H

#include "conf.h"

/* removes every "--root DIR" and "--root=DIR" from argv (the last one
 * counts) and returns DIR, or 0 when there is none */
char const *admin_take_root(int *argc, char **argv);

/* loads the domain directory: "--root DIR" anywhere in argv (removed),
 * else $RUNE_ROOT; exits 100 or 111 on a bad one */
void admin_root(struct conf *c, int *argc, char **argv);

/* as admin_root, for a subcommand that takes no other argument: exits
 * 100 with usage when there is one */
void admin_root_only(struct conf *c, int argc, char **argv,
    char const *usage);

#endif
