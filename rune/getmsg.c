/* getmsg.c: a message through the cache, as getmsg.h says. */
#include "cache.h"
#include "getmsg.h"

enum received_status
getmsg(struct cli *c, struct received *r, struct conn *cn, int online,
    char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	received_init(r);
	if (cache_get(&c->home, id, &r->stored))
		return received_check(r, NULL, &c->home, cli_server(c), me, sk);
	if (!online)
		return r->status = RECEIVED_GONE;
	if (received_get(r, cn, id, me, sk) == RECEIVED_GONE)
		return RECEIVED_GONE;
	cache_put(&c->home, id, r->stored.s, r->stored.len);
	return r->status;
}
