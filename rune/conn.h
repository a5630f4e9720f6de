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

/* writes p[0..n) as it is (the octets after a 340); exits 111, naming
 * doing, when the connection fails */
void conn_write(struct conn *c, void const *p, size_t n, char const *doing);

/* reads exactly n octets into p (the octets after a 240): 1 read, 0 the
 * connection failed or ended first (conn_why says how) */
int conn_read_exact(struct conn *c, unsigned char *p, size_t n);

/* the next line of a reply read line by line (LIST), its ending dropped,
 * into *s, *len (valid until the next read); returns line_get's LINE_* */
int conn_line(struct conn *c, char **s, size_t *len);

/* caps every later read's deadline at seconds from now (a whole answer);
 * conn_cap_more moves the cap seconds later */
void conn_cap(struct conn *c, unsigned seconds);
void conn_cap_more(struct conn *c, unsigned seconds);

/* why the last read or write failed, in words */
char const *conn_why(struct conn const *c);

/* the one-line reply s[0..len) (read with conn_line) made the last reply
 * and reported as conn_fail does; exits 111 when it is not a reply */
_Noreturn void conn_fail_line(struct conn *c, char const *s, size_t len,
    char const *doing);

/* reports the last reply as the failure of doing, and exits with its
 * code's exit (replycode.h) */
_Noreturn void conn_fail(struct conn *c, char const *doing);

/* sends QUIT, reads the 221 and closes (a failure is only a warning) */
void conn_quit(struct conn *c);

/* closes without QUIT (after a closing reply) */
void conn_close(struct conn *c);

#endif
