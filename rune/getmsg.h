/* getmsg.h: a message by id, from the cache when it holds it (checked
 * again offline: the pins), else retrieved over cn, checked and kept in
 * the cache. */
#ifndef GETMSG_H
#define GETMSG_H

#include <stdint.h>

#include "cli.h"
#include "received.h"

#define GETMSG_HEAD	(64 * 1024)	/* a large payload's head read */

/* r as received_get leaves it; online 0: cn unused, RECEIVED_GONE when
 * the cache
 * does not hold id */
enum received_status getmsg(struct cli *c, struct received *r, struct conn *cn,
    int online, char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* getmsg, but a message larger than getmsg_stream_min() is checked in
 * passes and left in a temporary file (r->big, received.h): a v2 one's
 * local record from the cache (rx2_cached), else retrieved with
 * received_get_big; a v1 one the cache holds is checked from it in
 * memory, large or not (as getmsg) */
enum received_status getmsg_big(struct cli *c, struct received *r,
    struct conn *cn, int online, char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* the size from which a message is received into a file and checked in
 * passes (rx2stream.h); $RUNE_TEST_RXSTREAM_MIN sets another, for the
 * tests that compare both ways (t/202, t/203): either way gives the same
 * verdicts and the same output */
uint64_t getmsg_stream_min(void);

/* the payload's head for its header fields: r->m.payload whole, or a
 * large one's first GETMSG_HEAD octets read into b; *p and *n set */
void getmsg_head(struct received *r, struct buf *b, unsigned char const **p,
    size_t *n);

#endif
