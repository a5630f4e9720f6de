/* v2recv.c: the receiver's side of a v2 message, as v2.h says
 * (doc/protocol-v2.md 1.6 with A1 and A2, 3.3, 3.4).  A message that
 * passes is kept in cache/ID as a local record, sealed with a key only
 * the own secret key gives, before its one-time secret is deleted:
 *
 *   record = "RUNE-2 local" 0x00 || nonce (24) || secretbox(plain)
 *   plain  = fs (1) || withheld (1) || anonymous (1) || time (8)
 *            || sender101 || cert spk (32) || spk (32) || opk (32)
 *            || BLAKE2b-256(blob2) (32) || payload
 *   key    = BLAKE2b-256("RUNE-2 local cache", key = the own seed)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cache.h"
#include "die.h"
#include "fpr.h"
#include "hexid.h"
#include "localrec.h"
#include "num.h"
#include "pin.h"
#include "prekeys.h"
#include "tkh.h"
#include "v2.h"

#define MAGIC		LOCALREC_MAGIC
#define MAGIC_LEN	LOCALREC_MAGIC_LEN
#define NONCE		LOCALREC_NONCE
#define MAC		LOCALREC_MAC
#define PLAIN_HDR	LOCALREC_PLAIN_HDR
#define FS_V1		LOCALREC_FS_V1
#define FS_YES		LOCALREC_FS_YES
#define FS_DELAYED	LOCALREC_FS_DELAYED
#define ANON_NO		LOCALREC_ANON_NO
#define ANON_UNCHECKED	LOCALREC_ANON_UNCHECKED

int
rx2_is_local_head(unsigned char const *b, size_t len)
{
	return len >= MAGIC_LEN && memcmp(b, MAGIC, MAGIC_LEN) == 0;
}

int
rx2_is_local(unsigned char const *b, size_t len)
{
	return len >= MAGIC_LEN + NONCE + MAC + PLAIN_HDR &&
	    memcmp(b, MAGIC, MAGIC_LEN) == 0;
}

/* 1: prekeys/seen/SPK/HASH exists (A2: an L-only message seen before) */
static int
seen_before(struct home const *h, unsigned char const spk[RUNE2_X_LEN],
    unsigned char const hash[RUNE_ID_LEN])
{
	char rel[32 + 2 * RUNE_ID_HEX_LEN], path[HOME_PATH_MAX];
	char a[RUNE_ID_HEX_LEN + 1], b[RUNE_ID_HEX_LEN + 1];

	hexid_fmt(a, spk);
	hexid_fmt(b, hash);
	snprintf(rel, sizeof rel, "prekeys/seen/%s/%s", a, b);
	home_path(path, h, rel);
	if (access(path, F_OK) == 0)
		return 1;
	if (errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to check %s", path);
	return 0;
}

/* after the record is on disk: the one-time secret goes (1.6 step 10),
 * or an L-only message's hash is remembered (A2) */
static void
settle(struct home const *h, int fs, unsigned char const spk[RUNE2_X_LEN],
    unsigned char const opk[RUNE2_X_LEN],
    unsigned char const hash[RUNE_ID_LEN])
{
	if (fs == FS_YES)
		(void)prekeys_forget(h, RUNE2_KIND_ONETIME, opk);
	else if (!seen_before(h, spk, hash)) {
		unsigned char x[RUNE2_X_LEN];
		uint64_t na;

		/* kept while the L secret is; none left: nothing to keep */
		if (prekeys_secret(h, RUNE2_KIND_LASTRESORT, spk, x, &na)) {
			sodium_memzero(x, sizeof x);
			(void)prekeys_replayed(h, spk, hash);
		}
	}
}

static enum msg_verdict
mem_open(struct received *r, void *arg, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const lsec[RUNE2_X_LEN], unsigned char const *osec)
{
	(void)arg;
	return msg2_open_inner(&r->m, sk, lsec, osec);
}

static enum msg_verdict
mem_check(struct received *r, void *arg, char const *domain,
    unsigned char const server_pk[RUNE_PK_LEN])
{
	(void)arg;
	return msg2_check(&r->m, domain, server_pk);
}

static void
mem_keep(struct received *r, void *arg, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char raw[RUNE_ID_LEN], nonce[NONCE];
	char id[RUNE_ID_HEX_LEN + 1];
	struct buf rec = { 0 };

	(void)arg;
	hexid_of(raw, r->stored.s, r->stored.len);
	hexid_fmt(id, raw);
	randombytes_buf(nonce, sizeof nonce);
	localrec_make(r, sk, nonce, &rec);
	cache_put(h, id, rec.s, rec.len);
	buf_free(&r->stored);
	r->stored = rec;
}

enum received_status
rx2_check(struct received *r, struct conn *cn, struct home const *h,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN])
{
	static struct rx2ops const mem = { mem_open, mem_check, mem_keep };

	return rx2_check_ops(r, cn, h, me, sk, server_pk, &mem, NULL);
}

enum received_status
rx2_check_ops(struct received *r, struct conn *cn, struct home const *h,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN], struct rx2ops const *ops,
    void *arg)
{
	unsigned char lsec[RUNE2_X_LEN], osec[RUNE2_X_LEN];
	int onetime = !sodium_is_zero(r->m.opk, RUNE2_X_LEN), k;
	enum msg_verdict v;
	uint64_t na, epoch;
	/* 1.6 step 4: the prekeys must be ours and still held */
	if (!prekeys_secret(h, RUNE2_KIND_LASTRESORT, r->m.spk, lsec, &na))
		return received_reject(r, MSG2_PREKEY_UNKNOWN);
	if (onetime) {
		if (!prekeys_secret(h, RUNE2_KIND_ONETIME, r->m.opk, osec,
		    &na)) {
			sodium_memzero(lsec, sizeof lsec);
			return received_reject(r, MSG2_PREKEY_REUSE);
		}
	} else if (seen_before(h, r->m.spk, r->m.blobhash)) {
		/* A2: a replay of an L-only message read before */
		sodium_memzero(lsec, sizeof lsec);
		return received_reject(r, MSG2_PREKEY_REUSE);
	}
	v = ops->open(r, arg, sk, lsec, onetime ? osec : NULL);
	sodium_memzero(lsec, sizeof lsec);
	sodium_memzero(osec, sizeof osec);
	if (v != MSG_OK)
		return received_reject(r, v);
	/* steps 6-9 but the pins: mode 0x01 exactly when the envelope has
	 * no sender (C4, AS-N11), tkh zero exactly when mode is 0x00 */
	v = ops->check(r, arg, me->s + me->at + 1, server_pk);
	if (v != MSG_OK)
		return received_reject(r, v);
	/* step 8, A5: tkh against the token key pinned for E or E-1 */
	if (r->m.anonymous) {
		switch (tkh_check(cn, h, me->s + me->at + 1, server_pk,
		    r->m.time, r->m.tkh, &epoch)) {
		case TKH_OK:
			break;
		case TKH_MISMATCH:	/* held back: the key-change alarm */
		case TKH_REFUSED:
			return received_reject(r, MSG2_TKH_BAD);
		default:		/* said so where it is shown */
			r->tkh_unchecked = 1;
			break;
		}
	}
	/* step 9: scert's key against the pin; no KEY is asked */
	k = pin_addr_check(h, &r->m.sender, r->m.cert.spk, r->pinned);
	if (k < 0) {
		/* held back, the one-time secret kept: after a re-pin the
		 * message reads */
		fpr_make(r->seen, r->m.cert.spk, RUNE_PK_LEN);
		return r->status = RECEIVED_KEYCHANGED;
	}
	r->status = k == 1 ? RECEIVED_VERIFIED : RECEIVED_NEWKEY;
	r->fs = onetime ? FS_YES : FS_DELAYED;
	r->withheld = !onetime && v2_withheld(h, r->m.time);
	/* step 10: the plaintext durably first, then the secret goes */
	ops->keep(r, arg, h, sk);
	settle(h, r->fs, r->m.spk, r->m.opk, r->m.blobhash);
	return r->status;
}

/* r's fields from plain's head p (PLAIN_HDR octets): 1, 0 malformed */
static int
local_fields(struct received *r, unsigned char const *p)
{
	if ((p[0] != FS_YES && p[0] != FS_DELAYED) || p[2] > ANON_UNCHECKED ||
	    !addr_parse(&r->m.sender, (char const *)p + 11,
	    strnlen((char const *)p + 11, RUNE_SENDER101)))
		return 0;
	r->m.version = 2;
	r->fs = p[0];
	r->withheld = p[1];
	r->m.anonymous = p[2] != ANON_NO;
	r->tkh_unchecked = p[2] == ANON_UNCHECKED;
	r->m.time = num_unpack_be8(p + 3);
	p += 11 + RUNE_SENDER101;
	memcpy(r->m.cert.spk, p, RUNE_PK_LEN);
	p += RUNE_PK_LEN;
	memcpy(r->m.spk, p, RUNE2_X_LEN);
	p += RUNE2_X_LEN;
	memcpy(r->m.opk, p, RUNE2_X_LEN);
	p += RUNE2_X_LEN;
	memcpy(r->m.blobhash, p, RUNE_ID_LEN);
	return 1;
}

/* after the fields: the one-time secret settled, the status against
 * today's pin */
static enum received_status
local_status(struct received *r, struct home const *h)
{
	unsigned char pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char rel[RUNE_ADDR_MAX + 16];

	/* a crash after the record was written left the secret (or no
	 * replay record): done now */
	settle(h, r->fs, r->m.spk, r->m.opk, r->m.blobhash);
	/* who signed, against today's pin (as a cached v1 message) */
	snprintf(rel, sizeof rel, "pins/key/%s", r->m.sender.s);
	if (pin_read(h, rel, pk, fp) != 1)
		return r->status = RECEIVED_NOKEY;
	if (sodium_memcmp(pk, r->m.cert.spk, RUNE_PK_LEN) == 0)
		return r->status = RECEIVED_VERIFIED;
	fpr_make(r->oldfp, r->m.cert.spk, RUNE_PK_LEN);
	return r->status = RECEIVED_OLDKEY;
}

enum received_status
rx2_local(struct received *r, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char key[crypto_secretbox_KEYBYTES], *plain;
	size_t n;
	int k;

	if (!rx2_is_local(r->stored.s, r->stored.len))
		return received_reject(r, MSG_STORED_NOT_OPEN);
	n = r->stored.len - MAGIC_LEN - NONCE - MAC;
	if ((plain = malloc(n)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	localrec_key(key, sk);
	k = crypto_secretbox_open_easy(plain, r->stored.s + MAGIC_LEN + NONCE,
	    n + MAC, r->stored.s + MAGIC_LEN, key);
	sodium_memzero(key, sizeof key);
	if (k != 0 || !local_fields(r, plain)) {
		free(plain);
		return received_reject(r, MSG_STORED_NOT_OPEN);
	}
	r->m.ibuf = plain;	/* msg_rx_free frees it */
	r->m.payload = plain + PLAIN_HDR;
	r->m.paylen = n - PLAIN_HDR;
	return local_status(r, h);
}

enum received_status
rx2_local_fd(struct received *r, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN], struct paytmp *rec)
{
	unsigned char hdr[PLAIN_HDR];

	r->body.fd = -1;
	r->bigstored.fd = -1;
	r->big = 1;	/* received_free closes body */
	if (!localrec_open_fd(h, rec, sk, &r->body, hdr) ||
	    !local_fields(r, hdr))
		return received_reject(r, MSG_STORED_NOT_OPEN);
	r->boff = PLAIN_HDR;
	r->m.paylen = (size_t)(r->body.n - PLAIN_HDR);
	return local_status(r, h);
}

char const *
received_secrecy(struct received const *r)
{
	switch (r->fs) {
	case FS_YES:
		return "forward secret: yes";
	case FS_DELAYED:
		return "forward secret: delayed (last-resort key)";
	default:
		return "not forward secret (v1)";
	}
}

char const *
received_anonymity(struct received const *r)
{
	if (!r->m.anonymous)
		return NULL;
	return r->tkh_unchecked ? "sender hidden from the server (its token "
	    "key could not be checked)" : "sender hidden from the server";
}
