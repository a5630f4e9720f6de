/* session.h: one connection's state, passed by pointer everywhere. */
#ifndef SESSION_H
#define SESSION_H

#include <stdint.h>
#include <time.h>

#include "addr.h"
#include "conf.h"
#include "line.h"
#include "rune.h"
#include "sio.h"
#include "tok.h"

enum state {
	ST_NEW,			/* greeted, not authenticated */
	ST_CHALLENGE,		/* 205 sent: registration challenge pending */
	ST_LOGIN,		/* 220 sent: PROOF expected */
	ST_AUTH,		/* authenticated as s->me */
	ST_ANON			/* anonymous: a REDEEM succeeded (v2 1.4) */
};

/* permits a session may hold (doc/protocol-v2.md 2.5: maxrcpt; MULTISEND's
 * default while MULTISEND is not built, doc/decisions.md) */
#define PERMITS_MAX	50

/* ST_ANON: what one spent token allows: one PREKEY and one message to
 * rcpt in this session */
struct permit {
	struct addr rcpt;
	uint64_t epoch;		/* of the token spent */
	char t[48];		/* b64 of its t */
	char receipt[48];	/* b64 of the token writer's permit receipt */
	int prekey_used;
	int sent;
};

struct session {
	struct conf conf;
	struct sio io;		/* TLS, or memory in the fuzz target */
	struct line in;
	enum state state;
	int closing;		/* a closing reply was sent */
	int verbose;		/* $RUNE_VERBOSE */
	int quit;		/* QUIT: close_notify after the reply */
	unsigned refused;	/* 4xx replies so far (13.16) */
	unsigned long commands;
	char const *endreason;	/* for the log line at the end */
	char sid[17];		/* random id tying this session's log lines */
	struct timespec start;
	unsigned char server_sk[RUNE_SK_LEN];
	unsigned char server_pk[RUNE_PK_LEN];
	char server_pk_text[RUNE_KEY_TEXT_LEN + 1];
	struct addr me;		/* ST_AUTH: who; ST_CHALLENGE/ST_LOGIN: who claims */
	unsigned char peer_pk[RUNE_PK_LEN];	/* ST_CHALLENGE: the key offered */
	unsigned char nonce[RUNE_NONCE_LEN];	/* r or n: secret, wiped */
	char token[80];		/* ST_CHALLENGE by invitation: secret, wiped */
	size_t tokenlen;
	/* ST_AUTH: what lets rune-keys believe our UNREGISTER (doc/privsep.md):
	 * the client's login proof, or rune-keys' receipt of the registration */
	enum { UNREG_NONE, UNREG_LOGIN, UNREG_RECEIPT } unreg;
	unsigned char login_n[RUNE_NONCE_LEN];	/* n of the PROOF */
	unsigned char login_sig[RUNE_SIG_LEN];	/* its signature */
	char receipt[2 * RUNE_NONCE_LEN + 1];	/* hex, from rune-keys */
	int store_pid;		/* rune-store helper, STORE_NONE until
				 * needed, STORE_SOCKET for the daemon */
	int store_in;		/* its stdin */
	int store_out;		/* its stdout */
	int tok_pid;		/* the token writer (rune-keys tokens):
				 * STORE_NONE, STORE_SOCKET or a helper */
	int tok_in, tok_out;
	struct permit permits[PERMITS_MAX];	/* ST_ANON */
	unsigned npermits;
};

/* a command handler: argc tokens in v (v[0] is the verb) */
typedef void (*cmd_fn)(struct session *s, int argc, struct tok const *v);

/* sends "code text" and counts a refusal for 4xx; codes that close the
 * connection (spec section 4) set s->closing */
void reply(struct session *s, int code, char const *text);

/* as reply, without the final line: "code-text" */
void reply_more(struct session *s, int code, char const *text);

/* sends n raw octets (after a 240 line); 1 done, 0 failed */
int reply_raw(struct session *s, void const *buf, size_t n);

/* logs "rune-session: info: sid=... " and fmt; never an address */
void slog(struct session const *s, char const *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* the session fails: 421 (or 451 for an I/O failure), log, exit 111 */
_Noreturn void session_fail(struct session *s, int code, char const *why);

/* wipes a pending registration challenge (cmd_register.c) */
void register_wipe(void);

/* handlers, one file each group */
void cmd_capabilities(struct session *, int, struct tok const *);
void cmd_noop(struct session *, int, struct tok const *);
void cmd_quit(struct session *, int, struct tok const *);
void cmd_register(struct session *, int, struct tok const *);
void cmd_register_invitation(struct session *, int, struct tok const *);
void cmd_challenge_accepted(struct session *, int, struct tok const *);
void cmd_login(struct session *, int, struct tok const *);
void cmd_proof(struct session *, int, struct tok const *);
void cmd_key(struct session *, int, struct tok const *);
void cmd_unregister(struct session *, int, struct tok const *);
void cmd_send(struct session *, int, struct tok const *);
void cmd_list(struct session *, int, struct tok const *);
void cmd_retrieve(struct session *, int, struct tok const *);
void cmd_delete(struct session *, int, struct tok const *);
void cmd_tokenkey(struct session *, int, struct tok const *);
void cmd_tokens(struct session *, int, struct tok const *);
void cmd_redeem(struct session *, int, struct tok const *);
void cmd_anon_send(struct session *, int, struct tok const *);
void cmd_anon_prekey(struct session *, int, struct tok const *);

/* SEND's work after the state checks (cmd_send.c): argc 4 a blob2 (the
 * trailing 2), sender NULL for an anonymous send; 1 the message was
 * stored (250 sent) */
int send_message(struct session *s, int argc, struct tok const *v,
    struct addr const *sender);

/* ends the token writer's connection or helper (cmd_token.c) */
void tokc_stop(struct session *s);

#endif
