/* cmd.h: the subcommands of rune-admin.
 *
 * A new subcommand is one line in the table of rune-admin.c and a
 * function cmd_NAME in a file of its own, declared here. */
#ifndef CMD_H
#define CMD_H

#include "rune.h"

/* a subcommand: argv[0] is its name; returns the exit code (or dies);
 * bad usage: die_usage("rune-admin NAME ...") */
typedef int (*cmd_fn)(int argc, char **argv);

/* rune-admin init DIR DOMAIN [options]: creates a domain directory */
int cmd_init(int argc, char **argv);

/* rune-admin fingerprint [--root DIR]: prints the domain's fingerprints */
int cmd_fingerprint(int argc, char **argv);

#endif
