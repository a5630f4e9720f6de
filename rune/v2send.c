/* v2send.c: the sender's side of a v2 message, as v2.h says
 * (doc/protocol-v2.md 1.5, 3.2, A7, A9). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "afile.h"
#include "b64.h"
#include "blobsend.h"
#include "clock.h"
#include "die.h"
#include "key.h"
#include "pin.h"
#include "prekey.h"
#include "scert.h"
#include "v2.h"

#define LR_DIR "contacts/lastresort"	/* A7: the newest L per contact */
#define SCERT_FILE "sendercert"

/* the cached L record of a, checked with pk: 1 (*p set), 0 none or no
 * longer valid under pk (a key replaced since) */
static int
lr_cached(struct home const *h, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], struct prekey *p)
{
	unsigned char rec[RUNE2_PREKEY_LEN + 1];
	char rel[sizeof LR_DIR + RUNE_ADDR_MAX + 2], path[HOME_PATH_MAX];
	size_t len;
	int r;

	snprintf(rel, sizeof rel, "%s/%s", LR_DIR, a->s);
	home_path(path, h, rel);
	r = afile_read(path, rec, sizeof rec, &len);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	return r > 0 && len == RUNE2_PREKEY_LEN && prekey_parse(p, rec, a, pk)
	    && p->kind == RUNE2_KIND_LASTRESORT;
}

static void
lr_keep(struct home const *h, struct addr const *a,
    unsigned char const rec[RUNE2_PREKEY_LEN])
{
	char dir[HOME_PATH_MAX];

	home_mkdirs(h, LR_DIR);
	home_path(dir, h, LR_DIR);
	if (!afile_write(dir, a->s, rec, RUNE2_PREKEY_LEN, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, a->s);
}

/* the pinned key of a: 1 (pk set), 0 none */
static int
pinned_key(struct home const *h, struct addr const *a,
    unsigned char pk[RUNE_PK_LEN])
{
	unsigned char fp[RUNE_FPR_LEN];
	char rel[RUNE_ADDR_MAX + 16];

	snprintf(rel, sizeof rel, "pins/key/%s", a->s);
	return pin_read(h, rel, pk, fp) == 1;
}

/* one b64 record of the 250 into rec, checked: kind, psig, not_after */
static void
record(struct conn *cn, struct addr const *a, struct tok const *t,
    unsigned char const pk[RUNE_PK_LEN], unsigned char kind, uint64_t now,
    unsigned char rec[RUNE2_PREKEY_LEN], struct prekey *p)
{
	size_t len = 0;

	if (!b64_decode(rec, RUNE2_PREKEY_LEN, &len, t->s, t->len) ||
	    len != RUNE2_PREKEY_LEN)
		die(RUNE_EXIT_TEMP, "prekey: malformed 250 from %s",
		    cn->hp.name);
	if (!prekey_parse(p, rec, a, pk))
		die(RUNE_EXIT_PERM, "prekey: %s gave a prekey of %s whose "
		    "signature does not verify with %s's pinned key: refused, "
		    "nothing sent (the server may be substituting keys)",
		    cn->hp.name, a->s, a->s);
	if (p->kind != kind)
		die(RUNE_EXIT_PERM, "prekey: %s gave a %s prekey of %s where a "
		    "%s one belongs: refused, nothing sent", cn->hp.name,
		    p->kind == RUNE2_KIND_LASTRESORT ? "last-resort" :
		    "one-time", a->s, kind == RUNE2_KIND_LASTRESORT ?
		    "last-resort" : "one-time");
	if (p->not_after <= now || p->not_after > now + V2_NOTAFTER_MAX +
	    V2_SKEW)
		die(RUNE_EXIT_PERM, "prekey: %s gave a prekey of %s that %s: "
		    "refused, nothing sent", cn->hp.name, a->s,
		    p->not_after <= now ? "has expired" :
		    "is valid more than 60 days ahead");
}

int
v2_prekey(struct conn *cn, struct addr const *a, struct v2bundle *b)
{
	struct home const *h = cn->home;
	unsigned char lrec[RUNE2_PREKEY_LEN], orec[RUNE2_PREKEY_LEN];
	unsigned char pk[RUNE_PK_LEN];
	char line[RUNE_LINE_MAX];
	uint64_t now = (uint64_t)time(NULL);
	struct prekey lp, op, cached;
	struct addr got;
	struct tok v[5];
	int k, code;

	memset(b, 0, sizeof *b);
	snprintf(line, sizeof line, "PREKEY %s", a->s);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code == 418) {
		/* A7: no silent fall back while a key of theirs is valid */
		if (pinned_key(h, a, pk) && lr_cached(h, a, pk, &cached) &&
		    cached.not_after > now)
			die(RUNE_EXIT_PERM, "@@@ WARNING: %s says %s has no "
			    "current RUNE-2 keys (418), but a last-resort key "
			    "of %s you were given before is valid until %llu: "
			    "the server may be hiding it to make you send "
			    "without forward secrecy. Nothing sent, and no "
			    "v1 fallback is offered for %s; ask %s by another "
			    "channel", cn->hp.name, a->s, a->s,
			    (unsigned long long)cached.not_after, a->s,
			    a->s);
		return 0;
	}
	if (code != 250)
		conn_fail(cn, "prekey");
	k = conn_args(cn, v, 5);
	if ((k != 3 && k != 4) || !addr_parse(&got, v[0].s, v[0].len) ||
	    strcmp(got.s, a->s) != 0 || !key_parse(b->rpk, v[1].s, v[1].len))
		die(RUNE_EXIT_TEMP, "prekey: malformed 250 from %s",
		    cn->hp.name);
	/* the key against the pin first: a mismatch stops loudly */
	pin_addr_key(h, a, b->rpk);
	record(cn, a, &v[2], b->rpk, RUNE2_KIND_LASTRESORT, now, lrec, &lp);
	if (lr_cached(h, a, b->rpk, &cached)) {
		if (cached.not_after > lp.not_after ||
		    (cached.not_after == lp.not_after &&
		    sodium_memcmp(cached.xpk, lp.xpk, RUNE2_X_LEN) != 0))
			die(RUNE_EXIT_PERM, "@@@ WARNING: %s gave a last-resort "
			    "key of %s older than one it gave before (valid "
			    "until %llu, the one before until %llu): refused "
			    "(A7); nothing sent. The server may be replaying "
			    "an old key", cn->hp.name, a->s,
			    (unsigned long long)lp.not_after,
			    (unsigned long long)cached.not_after);
		if (cached.not_after < lp.not_after)
			lr_keep(h, a, lrec);
	} else {
		lr_keep(h, a, lrec);
	}
	memcpy(b->spk, lp.xpk, RUNE2_X_LEN);
	if (k == 4) {
		record(cn, a, &v[3], b->rpk, RUNE2_KIND_ONETIME, now, orec,
		    &op);
		memcpy(b->opk, op.xpk, RUNE2_X_LEN);
		b->onetime = 1;
	}
	return 1;
}

/* 1: raw is a certificate of me with my key, csig by the pinned server
 * key, valid for at least keep more seconds */
static int
scert_ok(struct home const *h, struct hostport const *hp,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const raw[RUNE2_SCERT_LEN], uint64_t keep)
{
	unsigned char spk[RUNE_PK_LEN];
	uint64_t now = clock_now();	/* the server's test clock too */
	struct scert c;

	if (!pin_server_key_get(h, hp, spk))
		return 0;
	return scert_parse(&c, raw, me->s + me->at + 1, spk) &&
	    strcmp(c.sender.s, me->s) == 0 &&
	    sodium_memcmp(c.spk, sk + RUNE_SK_LEN - RUNE_PK_LEN,
	    RUNE_PK_LEN) == 0 && c.not_after > now &&
	    c.not_after - now >= keep;
}

/* the cached certificate into scert when it has keep seconds left: 1 */
static int
scert_cached(struct home const *h, struct hostport const *hp,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN], uint64_t keep)
{
	unsigned char raw[RUNE2_SCERT_LEN + 1];
	char path[HOME_PATH_MAX];
	size_t len = 0;
	int r;

	home_path(path, h, SCERT_FILE);
	r = afile_read(path, raw, sizeof raw, &len);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (r > 0 && len == RUNE2_SCERT_LEN &&
	    scert_ok(h, hp, me, sk, raw, keep)) {
		memcpy(scert, raw, RUNE2_SCERT_LEN);
		return 1;
	}
	return 0;
}

int
v2_scert_cached(struct home const *h, struct hostport const *hp,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN])
{
	return scert_cached(h, hp, me, sk, scert, V2_SCERT_MIN);
}

/* SENDERCERT unless the cached one has V2_SCERT_KEEP seconds left; soft:
 * a refusal is a warning (0), else it exits */
static int
scert_get(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN], int soft)
{
	struct home const *h = cn->home;
	unsigned char raw[RUNE2_SCERT_LEN + 1];
	char path[HOME_PATH_MAX];
	struct tok v[2];
	size_t len = 0;

	if (scert_cached(h, &cn->hp, me, sk, scert, V2_SCERT_KEEP))
		return 1;
	home_path(path, h, SCERT_FILE);
	conn_send(cn, "SENDERCERT");
	if (conn_reply(cn) != 250) {
		if (!soft)
			conn_fail(cn, "sendercert");
		warn("sendercert: %s refused a sender certificate (%d): "
		    "anonymous messages wait until one is held", cn->hp.name,
		    cn->rep.code);
		return 0;
	}
	if (conn_args(cn, v, 2) != 1 ||
	    !b64_decode(raw, sizeof raw, &len, v[0].s, v[0].len) ||
	    len != RUNE2_SCERT_LEN)
		die(RUNE_EXIT_TEMP, "sendercert: malformed 250 from %s",
		    cn->hp.name);
	if (!scert_ok(h, &cn->hp, me, sk, raw, 1)) {
		if (!soft)
			die(RUNE_EXIT_PERM, "sendercert: %s gave a certificate "
			    "that is not of %s and its key, not signed by the "
			    "server's pinned key, or expired: nothing sent",
			    cn->hp.name, me->s);
		warn("sendercert: %s gave a certificate that is not of %s and "
		    "its key, not signed by the server's pinned key, or "
		    "expired: not kept; anonymous messages wait until a good "
		    "one is held", cn->hp.name, me->s);
		return 0;
	}
	if (!afile_write(h->dir, SCERT_FILE, raw, RUNE2_SCERT_LEN, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s", path);
	memcpy(scert, raw, RUNE2_SCERT_LEN);
	return 1;
}

void
v2_scert(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN])
{
	(void)scert_get(cn, me, sk, scert, 0);
}

void
v2_scert_login(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char scert[RUNE2_SCERT_LEN];

	(void)scert_get(cn, me, sk, scert, 1);
}

/* msg2stream_write as a blob_writer */
static int
write2(void *s, struct msg2src const *src, msg2_writer *wr, void *warg)
{
	return msg2stream_write(s, src, wr, warg);
}

void
v2_send(struct conn *cn, struct addr const *a, struct msg2stream *s,
    struct msg2src const *src, char id[RUNE_ID_HEX_LEN + 1])
{
	/* no meter: a v2 send has never shown one */
	blob_send(cn, a, 2, s->bsize, write2, s, src, NULL, id);
}
