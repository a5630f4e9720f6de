/* rx1.c: a v1 message's checks after its envelope (rx1.h): the inner
 * part, the sender's key from KEY and its pin, ssig or a replaced key's,
 * one copy for both ways. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "fpr.h"
#include "oldkeys.h"
#include "pin.h"
#include "remote.h"
#include "rx1.h"
#include "rx1stream.h"

/* the sender's key: from KEY, checked against (or pinned as) the pin;
 * when the server has none, the pin.  1 pinned before, 0 pinned now,
 * -1 none, -2 KEY's differs from the pin (r->pinned, r->seen set) */
static int
sender_key(struct received *r, struct conn *cn, struct home const *h,
    struct addr const *a, unsigned char pk[RUNE_PK_LEN])
{
	unsigned char fp[RUNE_FPR_LEN];
	char rel[RUNE_ADDR_MAX + 16];
	int k;

	if (cn != NULL && remote_key(cn, a, pk)) {
		k = pin_addr_check(h, a, pk, r->pinned);
		if (k < 0)
			fpr_make(r->seen, pk, RUNE_PK_LEN);
		return k < 0 ? -2 : k;
	}
	snprintf(rel, sizeof rel, "pins/key/%s", a->s);
	return pin_read(h, rel, pk, fp) == 1 ? 1 : -1;
}

/* a v1 message's steps after its envelope: in memory (msg_open_inner,
 * msg_check_ssig) or in passes (rx1stream.h) */
struct rx1ops {
	enum msg_verdict (*open)(void *arg, struct msg_rx *m,
	    unsigned char const sk[RUNE_SK_LEN]);
	enum msg_verdict (*ssig)(void *arg, struct msg_rx *m,
	    unsigned char const pk[RUNE_PK_LEN]);
};

struct rx1 {
	struct rx1ops const *ops;
	void *arg;
	struct msg_rx *m;
};

/* oldkeys_find's test: does the message verify with pk */
static int
verifies(unsigned char const pk[RUNE_PK_LEN], void *a)
{
	struct rx1 *x = a;

	return x->ops->ssig(x->arg, x->m, pk) == MSG_OK;
}

static enum msg_verdict
mem_open(void *arg, struct msg_rx *m, unsigned char const sk[RUNE_SK_LEN])
{
	(void)arg;
	return msg_open_inner(m, sk);
}

static enum msg_verdict
mem_ssig(void *arg, struct msg_rx *m, unsigned char const pk[RUNE_PK_LEN])
{
	(void)arg;
	return msg_check_ssig(m, pk);
}

static enum msg_verdict
big_open(void *arg, struct msg_rx *m, unsigned char const sk[RUNE_SK_LEN])
{
	return rx1stream_open(arg, m, sk);
}

static enum msg_verdict
big_ssig(void *arg, struct msg_rx *m, unsigned char const pk[RUNE_PK_LEN])
{
	return rx1stream_ssig(arg, m, pk);
}

enum received_status
rx1_rest(struct received *r, struct conn *cn, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN], struct rx2s *big)
{
	static struct rx1ops const mem_ops = { mem_open, mem_ssig };
	static struct rx1ops const big_ops = { big_open, big_ssig };
	struct rx1ops const *ops = big != NULL ? &big_ops : &mem_ops;
	void *arg = big;
	struct rx1 x = { ops, arg, &r->m };
	unsigned char pk[RUNE_PK_LEN];
	enum msg_verdict v;
	int k;

	v = ops->open(arg, &r->m, sk);
	if (v != MSG_OK)
		return received_reject(r, v);
	k = sender_key(r, cn, h, &r->m.sender, pk);
	if (k == -2)
		return r->status = RECEIVED_KEYCHANGED;
	if (k < 0)
		return r->status = RECEIVED_NOKEY;
	v = ops->ssig(arg, &r->m, pk);
	if (v == MSG_SSIG_BAD && oldkeys_find(h, &r->m.sender, verifies,
	    &x, r->oldfp))
		return r->status = RECEIVED_OLDKEY;
	if (v != MSG_OK)
		return received_reject(r, v);
	return r->status = k == 1 ? RECEIVED_VERIFIED : RECEIVED_NEWKEY;
}
