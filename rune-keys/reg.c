/* reg.c: rune-keys register and register-invite: the checks and the
 * write happen under one hold of keys/lock, so of two racing sessions
 * exactly one wins (an address, or one invitation token). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "clock.h"
#include "die.h"
#include "hexid.h"
#include "key.h"
#include "keys.h"
#include "keytab.h"
#include "rune.h"

/* the record "a is active with key pk, registered now, how" into r
 * (the time and kind decide the tokens of doc/protocol-v2.md 2.9) */
static void
rec_active(struct jrec *r, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], int how)
{
	struct keyrec k;

	k.state = KEYREC_ACTIVE;
	k.since = clock_now();
	k.how = how;
	memcpy(k.pk, pk, RUNE_PK_LEN);
	r->klen = keyrec_addr_key(r->k, KEYREC_ADDR, a);
	r->vlen = keyrec_addr_put(r->v, &k);
}

/* 1 when a is in the table in any state, 0 absent; dies on error */
static int
present(char const *root, struct addr const *a)
{
	struct keyrec r;
	int x = keytab_lookup(root, a, &r);

	if (x < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	return x;
}

static void
lock(struct jour *j, char const *root)
{
	if (!jour_lock(j, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
}

/* commits and releases the lock */
static void
commit_only(struct jour *j, struct jrec const *r, size_t n)
{
	if (!jour_commit(j, r, n))
		die_sys(RUNE_EXIT_TEMP, "unable to write the key table");
	jour_unlock(j);
}

/* commits, releases the lock and prints the receipt of registering pk
 * for a (the session keeps it for an UNREGISTER, doc/privsep.md) */
static void
commit(struct jour *j, struct jrec const *r, size_t n,
    struct addr const *a, unsigned char const pk[RUNE_PK_LEN])
{
	unsigned char rc[RECEIPT_LEN];
	char hex[2 * RECEIPT_LEN + 1];

	receipt_make(j->root, a, pk, rc);
	commit_only(j, r, n);
	hexid_fmt(hex, rc);
	sodium_memzero(rc, sizeof rc);
	/* a caller that does not read it (rune-admin, tests) is fine */
	if ((printf("%s\n", hex) < 0 || fflush(stdout) != 0) &&
	    errno != EPIPE)
		warn_sys("unable to print the receipt");
	sodium_memzero(hex, sizeof hex);
}

int
keys_register(char const *root, struct addr const *a)
{
	unsigned char pk[RUNE_PK_LEN];
	struct line in;
	char *s;
	size_t n;
	struct jour j;
	struct jrec r;
	int ok;

	input_init(&in);
	ok = input_line(&in, &s, &n) > 0 && key_parse(pk, s, n);
	input_wipe(&in);
	if (!ok)
		die(RUNE_EXIT_PERM, "invalid key text on stdin");
	lock(&j, root);
	if (present(root, a)) {
		jour_unlock(&j);
		die(KEYEXIT_TAKEN, "address taken");
	}
	rec_active(&r, a, pk, KEYREC_REG_OPEN);
	commit(&j, &r, 1, a, pk);
	merge_maybe(root);
	return RUNE_EXIT_OK;
}

/* the token check under the lock; returns 0 or the exit code */
static int
token_check(char const *root, struct addr const *a, char const *tok,
    size_t toklen, struct tokrec *t)
{
	int x = keytab_token(root, tok, toklen, t);

	if (x < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	return keyrec_token_check(t, x, a, clock_now());
}

int
keys_register_invite(char const *root, struct addr const *a)
{
	unsigned char pk[RUNE_PK_LEN], h[KEYREC_HASH_LEN];
	char tok[KEYS_INPUT_MAX], *s;
	size_t toklen, n;
	struct line in;
	struct tokrec t;
	struct jrec r[2];
	struct jour j;
	int code;

	/* the token line, kept while the key line is read */
	input_init(&in);
	code = input_line(&in, &s, &toklen) > 0;
	if (code) {
		memcpy(tok, s, toklen);
		code = input_line(&in, &s, &n) > 0;
	}
	if (code)
		code = key_parse(pk, s, n) ? 1 : 2;
	input_wipe(&in);
	if (code != 1) {
		sodium_memzero(tok, sizeof tok);
		die(RUNE_EXIT_PERM, code ? "invalid key text on stdin" :
		    "want a token line and a key line on stdin");
	}
	if (!keyrec_tok_syntax(tok, toklen)) {
		sodium_memzero(tok, sizeof tok);
		die(KEYEXIT_TOKEN, "invitation token invalid");
	}
	keyrec_tok_hash(h, tok, toklen);
	lock(&j, root);
	code = token_check(root, a, tok, toklen, &t);
	sodium_memzero(tok, sizeof tok);
	if (code == KEYEXIT_TOKEN)
		die(code, "invitation token invalid");
	if (code == KEYEXIT_EXPIRED && t.state == KEYREC_VALID) {
		/* recorded, so that a clock set back does not revive it */
		t.state = KEYREC_EXPIRED;
		r[1].klen = keyrec_tok_key(r[1].k, h);
		r[1].vlen = keyrec_tok_put(r[1].v, &t);
		commit_only(&j, &r[1], 1);
	}
	if (code == KEYEXIT_EXPIRED)
		die(code, "invitation token expired");
	if (present(root, a))
		die(KEYEXIT_TAKEN, "address taken");
	rec_active(&r[0], a, pk, KEYREC_REG_INVITE);
	t.state = KEYREC_USED;
	r[1].klen = keyrec_tok_key(r[1].k, h);
	r[1].vlen = keyrec_tok_put(r[1].v, &t);
	commit(&j, r, 2, a, pk);
	merge_maybe(root);
	return RUNE_EXIT_OK;
}
