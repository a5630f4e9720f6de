/* invite.c: rune-keys invite, revoke and expire.  A token is 32 random
 * octets as 64 lowercase hex digits; the table keeps only its hash.  One
 * valid token per address: the record 'i' address names the newest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "clock.h"
#include "die.h"
#include "keys.h"
#include "keytab.h"
#include "num.h"
#include "rune.h"

/* the newest token of a: 1 (*h, *t set), 0 none; dies on error */
static int
newest_token(char const *root, struct addr const *a,
    unsigned char h[KEYREC_HASH_LEN], struct tokrec *t)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX];
	size_t klen, vlen;
	int x;

	klen = keyrec_addr_key(k, KEYREC_INDEX, a);
	x = keytab_get(root, k, klen, v, &vlen);
	if (x > 0 && keyrec_index_get(h, v, vlen)) {
		klen = keyrec_tok_key(k, h);
		x = keytab_get(root, k, klen, v, &vlen);
		if (x > 0 && !keyrec_tok_get(t, v, vlen))
			x = -1;
	}
	if (x < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	return x > 0;
}

/* the newest token of a, when it is valid: 1 (*h, *t set), 0 none */
static int
valid_token(char const *root, struct addr const *a,
    unsigned char h[KEYREC_HASH_LEN], struct tokrec *t)
{
	return newest_token(root, a, h, t) && t->state == KEYREC_VALID;
}

static void
rec_token(struct jrec *r, unsigned char const h[KEYREC_HASH_LEN],
    struct tokrec const *t)
{
	r->klen = keyrec_tok_key(r->k, h);
	r->vlen = keyrec_tok_put(r->v, t);
}

int
keys_invite(char const *root, struct addr const *a, char const *expires)
{
	unsigned char raw[KEYREC_TOKEN_LEN], h[KEYREC_HASH_LEN];
	unsigned char old[KEYREC_HASH_LEN];
	char text[KEYREC_TOKEN_HEX + 2];
	struct tokrec t, ot;
	struct keyrec k;
	struct jrec r[3];
	struct jour j;
	size_t n = 2;
	int x;

	if (!num_parse(&t.expires, expires, strlen(expires)))
		die(RUNE_EXIT_PERM, "invalid expiry: want Unix seconds");
	t.addr = *a;
	t.state = KEYREC_VALID;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(text, sizeof text, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	keyrec_tok_hash(h, text, KEYREC_TOKEN_HEX);
	if (!jour_lock(&j, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	x = keytab_lookup(root, a, &k);
	if (x < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (x > 0) {
		sodium_memzero(text, sizeof text);
		die(KEYEXIT_TAKEN, "address taken");
	}
	rec_token(&r[0], h, &t);
	r[1].klen = keyrec_addr_key(r[1].k, KEYREC_INDEX, a);
	r[1].vlen = keyrec_index_put(r[1].v, h);
	/* the new one replaces the old, valid or expired */
	if (newest_token(root, a, old, &ot) && (ot.state == KEYREC_VALID ||
	    ot.state == KEYREC_EXPIRED)) {
		ot.state = KEYREC_REVOKED;
		rec_token(&r[n++], old, &ot);
	}
	if (!jour_commit(&j, r, n))
		die_sys(RUNE_EXIT_TEMP, "unable to write the key table");
	jour_unlock(&j);
	text[KEYREC_TOKEN_HEX] = '\n';
	x = write(1, text, KEYREC_TOKEN_HEX + 1) == KEYREC_TOKEN_HEX + 1;
	sodium_memzero(text, sizeof text);
	if (!x)
		die_sys(RUNE_EXIT_TEMP, "unable to print the token");
	merge_maybe(root);
	return RUNE_EXIT_OK;
}

int
keys_revoke(char const *root, struct addr const *a)
{
	unsigned char h[KEYREC_HASH_LEN];
	struct tokrec t;
	struct jour j;
	struct jrec r;

	if (!jour_lock(&j, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	if (!valid_token(root, a, h, &t)) {
		jour_unlock(&j);
		die(KEYEXIT_STATE, "revoke: no valid invitation");
	}
	t.state = KEYREC_REVOKED;
	rec_token(&r, h, &t);
	if (!jour_commit(&j, &r, 1))
		die_sys(RUNE_EXIT_TEMP, "unable to write the key table");
	jour_unlock(&j);
	merge_maybe(root);
	return RUNE_EXIT_OK;
}

/* marks the valid token of a expired when its time has passed by this
 * clock; keys/lock held; 1 marked, 0 nothing to do */
static int
expire_one(char const *root, struct jour *j, struct addr const *a,
    uint64_t now)
{
	unsigned char h[KEYREC_HASH_LEN];
	struct tokrec t;
	struct jrec r;

	if (!valid_token(root, a, h, &t) || now < t.expires)
		return 0;
	t.state = KEYREC_EXPIRED;
	rec_token(&r, h, &t);
	if (!jour_commit(j, &r, 1))
		die_sys(RUNE_EXIT_TEMP, "unable to write the key table");
	return 1;
}

struct due {
	struct addr *a;
	size_t n, cap;
	uint64_t now;
};

/* collects the addresses whose valid token is due */
static int
collect(void *ctx, struct tokrec const *t)
{
	struct due *d = ctx;
	struct addr *na;

	if (t->state != KEYREC_VALID || d->now < t->expires)
		return 1;
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		na = reallocarray(d->a, d->cap, sizeof *d->a);
		if (!na)
			die(RUNE_EXIT_TEMP, "out of memory");
		d->a = na;
	}
	d->a[d->n++] = t->addr;
	return 1;
}

int
keys_expire(char const *root, struct addr const *a)
{
	struct due d = { 0, 0, 0, clock_now() };
	struct jour j;
	size_t i, n = 0;

	if (!a && keytab_each_token(root, collect, &d) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	if (!a && d.n == 0)
		return RUNE_EXIT_OK;
	if (!jour_lock(&j, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	if (a)
		n = (size_t)expire_one(root, &j, a, d.now);
	for (i = 0; i < d.n; i++)
		n += (size_t)expire_one(root, &j, &d.a[i], d.now);
	jour_unlock(&j);
	free(d.a);
	if (!a)
		info("expired %zu invitations", n);
	merge_maybe(root);
	return RUNE_EXIT_OK;
}
