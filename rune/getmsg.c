/* getmsg.c: a message through the cache, as getmsg.h says. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "getmsg.h"
#include "num.h"
#include "rx2stream.h"
#include "v2.h"

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

uint64_t
getmsg_stream_min(void)
{
	char const *e = secure_getenv("RUNE_TEST_RXSTREAM_MIN");
	uint64_t n;

	if (e != NULL && num_parse(&n, e, strlen(e)))
		return n;
	return RX2STREAM_MIN;
}

enum received_status
getmsg_big(struct cli *c, struct received *r, struct conn *cn, int online,
    char const *id, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	uint64_t min = getmsg_stream_min(), size;
	int fd;

	/* a v2 message read before: its local record, large or not */
	if (rx2_cached(r, &c->home, id, sk) != RECEIVED_GONE)
		return r->status;
	received_free(r);
	if (cache_open(&c->home, id, &fd, &size)) {
		/* a v1 blob: checked from the cache, in memory (never
		 * retrieved again: t/100) */
		close(fd);
		return getmsg(c, r, cn, online, id, me, sk);
	} else if (!online) {
		received_init(r);
		return r->status = RECEIVED_GONE;
	}
	if (received_get_big(r, cn, id, me, sk, min) == RECEIVED_GONE)
		return RECEIVED_GONE;
	/* a large v2 one's local record is in the cache already */
	if (!r->big)
		cache_put(&c->home, id, r->stored.s, r->stored.len);
	else if (r->m.version == 1 && r->status != RECEIVED_REJECTED)
		cache_put_fd(&c->home, id, r->bigstored.fd, r->bigstored.n);
	return r->status;
}

void
getmsg_head(struct received *r, struct buf *b, unsigned char const **p,
    size_t *n)
{
	size_t k;

	if (!r->big) {
		*p = r->m.payload;
		*n = r->m.paylen;
		return;
	}
	k = r->m.paylen < GETMSG_HEAD ? r->m.paylen : GETMSG_HEAD;
	b->len = 0;
	buf_room(b, k + 1);
	if (!paytmp_read(&r->body, r->boff, b->s, k))
		die_sys(RUNE_EXIT_TEMP, "unable to read a temporary file");
	b->len = k;
	b->s[k] = '\0';
	*p = b->s;
	*n = k;
}
