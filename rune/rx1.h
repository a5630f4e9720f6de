/* rx1.h: a v1 message's steps after msg_open_envelope (spec 13.7): the
 * inner part opened (in memory, msg_open_inner, or in passes over the
 * stored blob's file, rx1stream.h), the sender's key from KEY checked
 * against (or pinned as) its pin, else the pin alone, then ssig, or a
 * replaced key of the sender's (oldkeys.h).  received.c's, for both
 * received_check and a large message. */
#ifndef RX1_H
#define RX1_H

#include "received.h"
#include "rx2inner.h"

/* the status of r after its v1 envelope opened; big NULL: in memory,
 * else the stored blob's passes; cn NULL: offline (the pin alone) */
enum received_status rx1_rest(struct received *r, struct conn *cn,
    struct home const *h, unsigned char const sk[RUNE_SK_LEN],
    struct rx2s *big);

#endif
