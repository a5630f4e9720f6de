/* outboxpay.h: the payload of an outbox entry (outbox.h), which stays
 * in the entry's file: read in pieces for a blob2 made as it is sent
 * (the Sent copy reads the file itself, sentcopy.h). */
#ifndef OUTBOXPAY_H
#define OUTBOXPAY_H

#include <stddef.h>
#include <stdint.h>

#include "outbox.h"

/* a msg2src reader (msg2stream.h) of e's payload: arg is e */
int outbox_payload_read(void *arg, uint64_t off, unsigned char *p,
    size_t k);

#endif
