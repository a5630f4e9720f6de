/* session.h: one connection's state, passed by pointer everywhere.
 * Its life (wipe, end, failure) is life.c's; what it sends, replies.c's;
 * its log lines, slog.c's (doc/design.md has the map). */
#ifndef SESSION_H
#define SESSION_H

#include <stdint.h>
#include <time.h>

#include "addr.h"
#include "chal.h"
#include "conf.h"
#include "hconn.h"
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
	struct hconn store;	/* rune-store: its daemon or a helper (store.c) */
	struct hconn keys;	/* rune-keys: its daemon or a helper, one
				 * for the session (keysc.c) */
	int keys_login;		/* keys is logged in as me */
	long long keys_opened;	/* clock_ms when keys was made */
	long long keys_used;	/* and when it last answered */
	struct permit permits[PERMITS_MAX];	/* ST_ANON */
	unsigned npermits;
	struct chal chal;	/* ST_CHALLENGE: the challenge sent (secret r) */
};

#endif
