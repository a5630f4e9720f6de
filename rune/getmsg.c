/* getmsg.c: a message through the cache, as getmsg.h says. */
#include "cache.h"
#include "getmsg.h"

enum rx_status
getmsg(struct cli *c, struct rx *r, struct conn *cn, int online,
    char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	rx_init(r);
	if (cache_get(&c->home, id, &r->stored))
		return rx_check(r, NULL, &c->home, cli_server(c), me, sk);
	if (!online)
		return r->status = RX_GONE;
	if (rx_get(r, cn, id, me, sk) == RX_GONE)
		return RX_GONE;
	cache_put(&c->home, id, r->stored.s, r->stored.len);
	return r->status;
}
