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
/* cmd_prekey.c (prekeys.h) */
void cmd_prekeys(struct session *, int, struct tok const *);
void cmd_prekey(struct session *, int, struct tok const *);
void cmd_sendercert(struct session *, int, struct tok const *);
/* cmd_token.c */
void cmd_tokenkey(struct session *, int, struct tok const *);
void cmd_tokens(struct session *, int, struct tok const *);
void cmd_redeem(struct session *, int, struct tok const *);
void cmd_anon_send(struct session *, int, struct tok const *);
void cmd_anon_prekey(struct session *, int, struct tok const *);

struct addr;

/* SEND's work after the state checks (cmd_send.c): argc 4 a blob2 (the
 * trailing 2), sender NULL for an anonymous send; 1 the message was
 * stored (250 sent) */
int send_message(struct session *s, int argc, struct tok const *v,
    struct addr const *sender);

#ifndef RUNE_NO_IDSEND
/* the identified send (sender the session's address), which a build
 * with -DRUNE_NO_IDSEND (make NOIDSEND=1) does not have: send_message
 * answers 422 there (doc/protocol-v2.md 2.7 S2) */
int send_identified(struct session *s, int argc, struct tok const *v,
    struct addr const *sender);
#endif

#endif
