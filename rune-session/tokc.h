/* tokc.h: the session's connection to the token writer (tokc.c) */
#ifndef TOKC_H
#define TOKC_H

#include <stddef.h>

struct session;

/* sends req (and len octets of data), reads the answer: 0 and *ans
 * (after "ok", its first space included, or "") on "ok", else the code
 * of "err CODE" or 451 */
int tokc_ask(struct session *s, char const *req, void const *data,
    size_t len, char **ans, size_t *alen);

/* ends the token writer's connection or helper */
void tokc_stop(struct session *s);

#endif
