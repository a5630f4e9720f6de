/* cmd.h: the command handlers, one file per group of verbs; proto.c's
 * verb table names them (one row per verb). */
#ifndef CMD_H
#define CMD_H

#include "tok.h"

struct session;

/* a command handler: argc tokens in v (v[0] is the verb) */
typedef void (*cmd_fn)(struct session *s, int argc, struct tok const *v);

/* cmd_any.c */
void cmd_capabilities(struct session *, int, struct tok const *);
void cmd_noop(struct session *, int, struct tok const *);
void cmd_quit(struct session *, int, struct tok const *);
/* cmd_register.c */
void cmd_register(struct session *, int, struct tok const *);
void cmd_register_invitation(struct session *, int, struct tok const *);
void cmd_challenge_accepted(struct session *, int, struct tok const *);
/* cmd_login.c */
void cmd_login(struct session *, int, struct tok const *);
void cmd_proof(struct session *, int, struct tok const *);
/* cmd_key.c */
void cmd_key(struct session *, int, struct tok const *);
void cmd_unregister(struct session *, int, struct tok const *);
/* cmd_send.c */
void cmd_send(struct session *, int, struct tok const *);
/* cmd_mbox.c */
void cmd_list(struct session *, int, struct tok const *);
void cmd_retrieve(struct session *, int, struct tok const *);
void cmd_delete(struct session *, int, struct tok const *);
/* cmd_prekey.c: protocol v2's PREKEYS, while control/prekeys is on */
void cmd_prekeys(struct session *, int, struct tok const *);
void cmd_prekey(struct session *, int, struct tok const *);
void cmd_sendercert(struct session *, int, struct tok const *);

#endif
