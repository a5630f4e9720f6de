/* blobsend.h: SEND with a blob made as it goes out (lib/msgstream.c for
 * v1, lib/msg2stream.c for v2), never in memory whole: what v1_send
 * (v1send.h) and v2_send (v2.h) share. */
#ifndef BLOBSEND_H
#define BLOBSEND_H

#include <stdint.h>

#include "addr.h"
#include "conn.h"
#include "msg2stream.h"
#include "rune.h"

/* writes the blob of s (its _begin done) made from src to wr in pieces,
 * wiping s: msgstream_write, msg2stream_write; 1 ok, 0 with errno */
typedef int blob_writer(void *s, struct msg2src const *src, msg2_writer *wr,
    void *warg);

/* SEND a bsize (v 1) or SEND a bsize 2 (v 2: the version the only
 * difference on the wire), then after the 340 the
 * blob as make makes it, each piece to the server as it comes (with
 * the progress meter named meter, progress.h, unless NULL); the 250's
 * message id into id.  A read error after the 340 ends the connection
 * short of the size, so the server keeps nothing; exits as conn.h says */
void blob_send(struct conn *cn, struct addr const *a, int v, uint64_t bsize,
    blob_writer *make, void *s, struct msg2src const *src,
    char const *meter, char id[RUNE_ID_HEX_LEN + 1]);

#endif
