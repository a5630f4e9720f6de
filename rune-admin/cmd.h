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

/* the key table (rune-admin/keys*.c, through rune-keys(8)):
 * invite ADDRESS [--expires DURATION] [--token-only], invites,
 * revoke ADDRESS, users [--list], disable|enable|free ADDRESS,
 * registration [free|invite|both|off], merge */
int cmd_invite(int argc, char **argv);
int cmd_invites(int argc, char **argv);
int cmd_revoke(int argc, char **argv);
int cmd_users(int argc, char **argv);
int cmd_disable(int argc, char **argv);
int cmd_enable(int argc, char **argv);
int cmd_free(int argc, char **argv);
int cmd_registration(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* rune-admin config [--root DIR] [NAME [VALUE|--default]] (config.c) */
int cmd_config(int argc, char **argv);

/* checks value as lib/conf.c would and writes root/control/name; exits
 * 100 (invalid) or 111 (unwritable) on failure; 0 when done */
int config_set(char const *root, char const *name, char const *value);

/* rune-admin status [--root DIR]: aggregates only (status.c) */
int cmd_status(int argc, char **argv);
int cmd_expire(int argc, char **argv);

/* rune-admin setup [options]: users, modes, service dir (setup.c) */
int cmd_setup(int argc, char **argv);

#endif
