/* payload.h: the MIME payload (mime.h) of a send request built into an
 * unnamed temporary file (paytmp.h): the text and text attachments read
 * whole (their charset is chosen from all of their octets), every other
 * attachment that is a regular file base64-encoded as it is read, so a
 * MAXSIZE message is never in memory whole (doc/client.md). */
#ifndef PAYLOAD_H
#define PAYLOAD_H

#include "cli.h"
#include "paytmp.h"
#include "send.h"

/* the payload of q from me into t (opened here); exits as compose.h
 * says when a source cannot be read */
void payload_build(struct cli *c, struct send_req const *q,
    struct addr const *me, struct paytmp *t);

#endif
