/* msgarg.h: the message that read, reply and delete are given (a list
 * number, an id, or an id prefix: cache.h's forms) and the session it
 * takes.  A prefix names a message on the server or in the cache, so it
 * is looked for in the server's LIST: one never listed or opened here
 * (an id copied from "rune list --ids") is found, and two messages
 * that share it are told apart. */
#ifndef MSGARG_H
#define MSGARG_H

#include "cli.h"

/* the id arg names into id (exits 100 with cache_resolve's sentence
 * when it names none or several); cn opened and logged in as me when
 * arg is a prefix or the cache does not hold the message: returns 1
 * when cn is open */
int msgarg(struct cli *c, struct conn *cn, char const *arg,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    char id[RUNE_ID_HEX_LEN + 1]);

#endif
