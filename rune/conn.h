/* conn.h: one session with a server: TCP, TLS with the pinned key, the
 * greeting, commands and coded replies.  Every failure here ends the
 * program with a message (exit 111 network or protocol, 100 refused or
 * a pin mismatch). */
#ifndef CONN_H
#define CONN_H

#include "home.h"
#include "hostport.h"
#include "line.h"
#include "reply.h"
#include "tok.h"

struct tls;

struct conn {
	struct home const *home;
	struct hostport hp;
	unsigned timeout;
	struct tls *tls;
	struct line in;
	struct reply rep;		/* the last reply */
	char greeting[RUNE_LINE_MAX];	/* the text after HOWDY */
};

/* connects to hp, checks the TLS key against its pin (first use: pins
 * it) and reads the greeting */
void conn_open(struct conn *c, struct home const *h,
    struct hostport const *hp, unsigned timeout);

/* sends the command line text and CRLF */
void conn_send(struct conn *c, char const *text);

/* reads one reply into c->rep; returns its code */
int conn_reply(struct conn *c);

/* the last line of the last reply split into at most max arguments;
 * returns their count (-1 when there are more) */
int conn_args(struct conn *c, struct tok *v, int max);

/* reports the last reply as the failure of doing, and exits with its
 * code's exit (replycode.h) */
_Noreturn void conn_fail(struct conn *c, char const *doing);

/* sends QUIT, reads the 221 and closes (a failure is only a warning) */
void conn_quit(struct conn *c);

/* closes without QUIT (after a closing reply) */
void conn_close(struct conn *c);

#endif
