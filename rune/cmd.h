/* cmd.h: the commands of rune, one function each, called by rune.c's
 * table with the global options applied; each lives in cmd_NAME.c
 * (cmd_login.c also holds "key", cmd_pins.c "pin", cmd_read.c "list"
 * and "delete", cmd_send.c "reply"). */
#ifndef CMD_H
#define CMD_H

#include "cli.h"

/* the commands: argv[0] is the command's name; return the exit code */
int cmd_capabilities(struct cli *c, int argc, char **argv);
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_register(struct cli *c, int argc, char **argv);
int cmd_join(struct cli *c, int argc, char **argv);
int cmd_login(struct cli *c, int argc, char **argv);
int cmd_key(struct cli *c, int argc, char **argv);
int cmd_pins(struct cli *c, int argc, char **argv);
int cmd_pin(struct cli *c, int argc, char **argv);
int cmd_unregister(struct cli *c, int argc, char **argv);
int cmd_fingerprint_cert(struct cli *c, int argc, char **argv);
int cmd_send(struct cli *c, int argc, char **argv);
int cmd_reply(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_read(struct cli *c, int argc, char **argv);
int cmd_delete(struct cli *c, int argc, char **argv);
int cmd_fetch(struct cli *c, int argc, char **argv);
int cmd_sendmail(struct cli *c, int argc, char **argv);
int cmd_outbox(struct cli *c, int argc, char **argv);

#endif
