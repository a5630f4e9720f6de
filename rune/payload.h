/* payload.h: the MIME payload (mime.h) of a send request built into an
 * unnamed temporary file (paytmp.h): an attachment that is a regular file
 * of a non-text type base64-encoded as it is read; the text and every
 * other attachment copied into a temporary file of its own first, its
 * charset and type found in that pass, then encoded from the copy
 * (textsrc.h); so a MAXSIZE message is never in memory whole
 * (doc/client.md). */
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
