/* send.h: sending one message (spec 10): the MIME payload built, the
 * server's MAXSIZE checked, the receiver's key from KEY and its pin,
 * the blob made as it goes out (v2: msg2stream.h; v1: msgstream.h), SEND. */
#ifndef SEND_H
#define SEND_H

#include "cli.h"
#include "mime.h"
#include "msg2stream.h"
#include "paytmp.h"

#define SEND_ATT_MAX 64
#define SEND_TO_MAX 100		/* receivers of one message */

struct send_req {
	struct addr to[SEND_TO_MAX];	/* each gets a sealed copy */
	size_t nto;
	char const *sent;		/* a Maildir for a copy, or NULL */
	char const *subject;		/* NULL: none */
	int subject_raw;		/* see mime.h */
	char const *in_reply_to;	/* "<...>" or NULL */
	char const *references;		/* or NULL */
	char const *text;		/* FILE, "-", or NULL (editor/stdin) */
	unsigned char const *quote;	/* the editor's draft starts so */
	size_t quotelen;
	char const *att[SEND_ATT_MAX];	/* file paths */
	size_t natt;
	int v1;				/* --v1: see send_codes */
	int identified;			/* --identified: this message with
					 * the login, after the warning */
	int now;			/* --now: no random delay (A4) */
	int wait;			/* --wait: the delay in the
					 * foreground */
};

/* the exit codes send_payload_src ends with when a receiver has no key or
 * the message is too large (rune send: 100 both; sendmail: sysexits) */
struct send_codes {
	int nouser, toobig;
	int v1;		/* 1: a receiver without RUNE-2 keys (418) gets a
			 * v1 message, with the warning "not forward
			 * secret" (rune send --v1); 0: it stops the send */
	char const *v1opt;	/* the option that sets v1, as the 418's
				 * advice and the warning name it; NULL:
				 * "--v1" (sendmail: "-O v1") */
	int identified;	/* 1: the user asked for an identified send
			 * (--identified); 0: a server that offers ANONSEND
			 * not yet pinned stops the send, with code unpinned,
			 * rather than send identified (C1, C2) */
	int unpinned;
};

/* builds the message of q and sends it: anonymously (queued in the
 * outbox, outbox.h, one entry per receiver) when the pinned ANONSEND line
 * says the server offers it, unless q->identified; else as send_payload_src
 * does (then one line per receiver: the message id, with several
 * receivers "ID ADDRESS", and a copy into q->sent).  The mode is chosen
 * here, before any connection (C1).  Returns the exit code */
int send_message(struct cli *c, struct send_req const *q);

/* sends the payload read from src as the own identity to each of
 * to[0..nto), one sealed copy each, in one session: a v2 message (forward
 * secret, v2.h) when the server offers PREKEYS, else v1; checks first
 * (before any upload) that it fits the server's MAXSIZE and that every
 * receiver has a key (and, over v2, prekeys), ending with sc's codes
 * otherwise; ids[k] gets receiver k's message id; prints nothing.  Each
 * blob is made as it is sent, never in memory whole: three reads of src
 * for a v2 receiver (msg2stream.h), four for a v1 one (msgstream.h) */
void send_payload_src(struct cli *c, struct msg2src const *src,
    struct addr const *to, size_t nto,
    char (*ids)[RUNE_ID_HEX_LEN + 1], struct send_codes const *sc);

/* queues the payload in t to each of to[0..nto) in the outbox (copied
 * into each entry in pieces, never in memory whole), each not before now
 * + a random delay (none with now), then sends the entries due
 * (outbox_run, waiting for the delay with wait); returns its code */
int send_anon_tmp(struct cli *c, struct paytmp const *t,
    struct addr const *to, size_t nto, char const *sent, int now, int wait);

/* the warning before an identified send where anonymous sending is
 * offered (C2): what the server then learns */
void send_identified_warning(struct addr const *me, struct addr const *to,
    size_t nto);

#endif
