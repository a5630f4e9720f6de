/* v1send.h: a v1 message (doc/protocol.md section 10) sent as its blob
 * is made (lib/msgstream.c), never in memory whole. */
#ifndef V1SEND_H
#define V1SEND_H

#include "addr.h"
#include "conn.h"
#include "msgstream.h"
#include "rune.h"

/* SEND a s->bsize, then the blob of s (msgstream_begin done) made from
 * src as it is written (msgstream_write); the message id into id.  A
 * read error after the 340 ends the connection short of the size, so
 * the server keeps nothing; exits as conn.h says */
void v1_send(struct conn *cn, struct addr const *a, struct msgstream *s,
    struct msg2src const *src, char id[RUNE_ID_HEX_LEN + 1]);

#endif
