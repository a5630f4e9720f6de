/* anonsend.h: one anonymous send (doc/protocol-v2.md 2.5, 2.6, 2.7, A4,
 * A5, A7; doc/client.md "Anonymous sending"): a new TCP and TLS
 * connection that offers no session to resume and never logs in;
 * CAPABILITIES checked against the pinned ANONSEND line (C3); TOKENKEY
 * against the pinned token key (tokens_key); REDEEM with one held token;
 * PREKEY from that session (A7); a blob2 sealed now with mode 0x01 and
 * tkh (A5); SEND ... 2. */
#ifndef ANONSEND_H
#define ANONSEND_H

#include "cli.h"
#include "outbox.h"

/* 1: a token and a valid sender certificate are held, so that e can be
 * tried now; 0: why (a sentence) says what is missing */
int anon_ready(struct cli *c, char why[OUTBOX_WHY_MAX]);

/* sends e anonymously and exits: 0 sent (the message id printed, the
 * sent copy written), else the code of the failure after saying why.
 * Run in a child (outbox_try) */
_Noreturn void anon_send(struct cli *c, struct outbox const *e);

#endif
