/* sendstream.h: a streamed SEND (sendstream.c). */
#ifndef SENDSTREAM_H
#define SENDSTREAM_H

#include <stdint.h>

#include "addr.h"
#include "rune.h"

struct session;

/* client blobs over this many octets are streamed, not held in memory
 * (the in-memory path holds about twice the blob) */
#define SEND_MEM_MAX	262144

/* SEND of size octets to rcpt (key pk, mailbox mbox), checked already:
 * 340, the blob through a spool into rune-store, stored as an env
 * (version RUNE_VERSION_OCTET) or an env2 (RUNE2_VERSION_OCTET, sender
 * NULL for an anonymous send); returns 0 (id set), the code to answer
 * (400 a blob2 whose octet 0 is not 0x02, 404, 413, 416, 451), or -1 when
 * it answered itself or the session is closing */
int send_stream(struct session *s, unsigned char version,
    struct addr const *sender, struct addr const *rcpt,
    unsigned char const pk[RUNE_PK_LEN], char const *mbox, uint64_t size,
    unsigned char id[RUNE_ID_LEN]);

#endif
