/* getmsg.h: a message by id, from the cache when it holds it (checked
 * again offline: the pins), else retrieved over cn, checked and kept in
 * the cache. */
#ifndef GETMSG_H
#define GETMSG_H

#include "cli.h"
#include "received.h"

/* r as received_get leaves it; online 0: cn unused, RECEIVED_GONE when
 * the cache
 * does not hold id */
enum received_status getmsg(struct cli *c, struct received *r, struct conn *cn,
    int online, char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

#endif
