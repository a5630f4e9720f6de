/* send.h: sending one message (spec 10): the MIME payload built, the
 * server's MAXSIZE checked, the receiver's key from KEY and its pin,
 * sealed with msg_make, SEND. */
#ifndef SEND_H
#define SEND_H

#include "cli.h"
#include "mime.h"

#define SEND_ATT_MAX 64

struct send_req {
	struct addr to;
	char const *subject;		/* NULL: none */
	int subject_raw;		/* see mime.h */
	char const *in_reply_to;	/* "<...>" or NULL */
	char const *references;		/* or NULL */
	char const *text;		/* FILE, "-", or NULL (editor/stdin) */
	unsigned char const *quote;	/* the editor's draft starts so */
	size_t quotelen;
	char const *att[SEND_ATT_MAX];	/* file paths */
	size_t natt;
};

/* builds, seals and sends the message of q as the own identity; prints
 * the message id; returns the exit code */
int send_message(struct cli *c, struct send_req const *q);

#endif
