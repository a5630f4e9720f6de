/* rx.c: a received message, checked as rx.h says. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "pin.h"
#include "remote.h"
#include "rx.h"

/* the sender's key: from KEY, checked against (or pinned as) the pin;
 * when the server has none, the pin.  1 pinned before, 0 pinned now,
 * -1 none */
static int
sender_key(struct conn *cn, struct addr const *a,
    unsigned char pk[RUNE_PK_LEN])
{
	unsigned char fp[RUNE_FPR_LEN];
	char rel[RUNE_ADDR_MAX + 16];

	if (remote_key(cn, a, pk))
		return pin_addr_key(cn->home, a, pk);
	snprintf(rel, sizeof rel, "pins/key/%s", a->s);
	return pin_read(cn->home, rel, pk, fp) == 1 ? 1 : -1;
}

static enum rx_status
reject(struct rx *r, enum msg_verdict v)
{
	if (v == MSG_NOMEM)
		die(RUNE_EXIT_TEMP, "out of memory");
	r->verdict = v;
	return r->status = RX_REJECTED;
}

enum rx_status
rx_get(struct rx *r, struct conn *cn, char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char spk[RUNE_PK_LEN], pk[RUNE_PK_LEN];
	enum msg_verdict v;
	int k;

	memset(r, 0, sizeof *r);
	msg_rx_init(&r->m);
	r->verdict = MSG_OK;
	if (!remote_retrieve(cn, id, &r->stored))
		return r->status = RX_GONE;
	if (!pin_server_key_get(cn->home, &cn->hp, spk))
		die(RUNE_EXIT_PERM, "no RUNE key pinned for %s: run rune login",
		    cn->hp.name);
	v = msg_open_envelope(&r->m, r->stored.s, r->stored.len, me, sk, spk);
	if (v != MSG_OK)
		return reject(r, v);
	v = msg_open_inner(&r->m, sk);
	if (v != MSG_OK)
		return reject(r, v);
	k = sender_key(cn, &r->m.sender, pk);
	if (k < 0)
		return r->status = RX_NOKEY;
	v = msg_check_ssig(&r->m, pk);
	if (v != MSG_OK)
		return reject(r, v);
	return r->status = k == 1 ? RX_VERIFIED : RX_NEWKEY;
}

char const *
rx_verified(struct rx const *r)
{
	static char failed[80];

	switch (r->status) {
	case RX_VERIFIED:
		return "yes";
	case RX_NEWKEY:
		return "unverified (new key pinned)";
	case RX_NOKEY:
		return "unverified (no key for the sender)";
	default:
		snprintf(failed, sizeof failed, "failed: %s",
		    msg_reason(r->verdict));
		return failed;
	}
}

void
rx_free(struct rx *r)
{
	msg_rx_free(&r->m);
	buf_free(&r->stored);
}
