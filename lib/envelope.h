/* envelope.h: the server's side of SEND (section 10): the stored blob.
 *
 * Memory: the session reads the client blob straight into
 * buf[room .. room + bloblen), room = envelope_prefix_room(), and passes a
 * second buffer of bloblen + RUNE_STORED_EXTRA octets for the stored blob;
 * nothing else of the blob's size is allocated.  envelope_make writes the
 * vsig frame's header into buf[.. room), signs in place, then writes
 * 0x01 || vsig over the front of that header so that
 * env = buf[room - RUNE_ENV_HDR .. room + bloblen) is contiguous, and seals
 * env into stored. */
#ifndef ENVELOPE_H
#define ENVELOPE_H

#include <stddef.h>
#include <stdint.h>
#include "rune.h"
#include "addr.h"

/* octets to reserve in front of the client blob (227) */
size_t envelope_prefix_room(void);

/* buf[0..room) is free and buf[room..room + bloblen) holds the client
 * blob; receiver and sender are canonical.  Fills
 * stored[0..bloblen + RUNE_STORED_EXTRA) with seal(env, receiver_pk) and
 * id with its message id.  1 ok; 0 room too small, bloblen too large, or
 * receiver_pk does not convert (errno EINVAL).  buf[0..room) is
 * overwritten; the blob is left as it was. */
int envelope_make(unsigned char *stored, unsigned char id[RUNE_ID_LEN],
    unsigned char *buf, size_t room, size_t bloblen,
    struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN],
    struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN]);

/* the same for a blob2 (doc/protocol-v2.md 1.5): env2 = 0x02 || vsig2 ||
 * time || sender101 || blob2, vsig2 under "RUNE-2 envelope"; sender NULL
 * for an anonymous send (sender101 = 101 zero octets).  The caller has
 * checked |blob2| >= RUNE2_BLOB_MIN and blob2[0] = 0x02. */
int envelope2_make(unsigned char *stored, unsigned char id[RUNE_ID_LEN],
    unsigned char *buf, size_t room, size_t bloblen,
    struct addr const *receiver,
    unsigned char const receiver_pk[RUNE_PK_LEN],
    struct addr const *sender, uint64_t time,
    unsigned char const server_sk[RUNE_SK_LEN]);

/* id = BLAKE2b-256 of stored[0..len), the message id */
void envelope_id(unsigned char id[RUNE_ID_LEN], unsigned char const *stored,
    size_t len);

#endif
