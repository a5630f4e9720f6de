/* received.c: a received message, checked as received.h says. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cache.h"
#include "die.h"
#include "fpr.h"
#include "pin.h"
#include "received.h"
#include "remote.h"
#include "rx1.h"
#include "rx2stream.h"
#include "v2.h"

enum received_status
received_get(struct received *r, struct conn *cn, char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN])
{
	memset(r, 0, sizeof *r);
	msg_rx_init(&r->m);
	r->verdict = MSG_OK;
	if (!remote_retrieve(cn, id, &r->stored))
		return r->status = RECEIVED_GONE;
	return received_check(r, cn, cn->home, &cn->hp, me, sk);
}

enum received_status
received_get_big(struct received *r, struct conn *cn, char const *id,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN], uint64_t min)
{
	unsigned char spk[RUNE_PK_LEN];
	enum msg_verdict v;
	struct rx2s x;

	received_init(r);
	if (!remote_retrieve_big(cn, id, &r->stored, &r->bigstored, min))
		return r->status = RECEIVED_GONE;
	if (r->bigstored.fd < 0)
		return received_check(r, cn, cn->home, &cn->hp, me, sk);
	r->body.fd = -1;
	r->big = 1;	/* received_free closes the files */
	if (!pin_server_key_get(cn->home, &cn->hp, spk))
		die(RUNE_EXIT_PERM, "no RUNE key pinned for %s: run rune login",
		    cn->hp.name);
	v = rx2stream_envelope(&x, r, cn, id, me, sk, spk, &r->bigstored);
	if (v != MSG_OK)
		(void)received_reject(r, v);
	else if (r->m.version == 2)
		(void)rx2stream_check(&x, r, cn, me, sk, spk);
	else
		(void)rx1_rest(r, cn, cn->home, sk, &x);
	rx2stream_end(&x, r);
	return r->status;
}

void
received_init(struct received *r)
{
	memset(r, 0, sizeof *r);
	msg_rx_init(&r->m);
	r->verdict = MSG_OK;
}

enum received_status
received_check(struct received *r, struct conn *cn, struct home const *h,
    struct hostport const *hp, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char spk[RUNE_PK_LEN];
	enum msg_verdict v;

	/* a v2 message already read: its local record (v2recv.c), only
	 * ever from the cache */
	if (cn == NULL && rx2_is_local(r->stored.s, r->stored.len))
		return rx2_local(r, h, sk);
	if (!pin_server_key_get(h, hp, spk))
		die(RUNE_EXIT_PERM, "no RUNE key pinned for %s: run rune login",
		    hp->name);
	v = msg_open_envelope(&r->m, r->stored.s, r->stored.len, me, sk, spk);
	if (v != MSG_OK)
		return received_reject(r, v);
	if (r->m.version == 2)
		return rx2_check(r, cn, h, me, sk, spk);
	return rx1_rest(r, cn, h, sk, NULL);
}

char const *
received_verified(struct received const *r)
{
	static char failed[RUNE_ADDR_MAX + RUNE_FPR_TEXT_LEN + 80];
	char f[RUNE_FPR_TEXT_LEN + 1];

	switch (r->status) {
	case RECEIVED_OLDKEY:
		fpr_fmt(f, r->oldfp);
		snprintf(failed, sizeof failed, "signed by %s's previous key "
		    "%s (replaced since)", r->m.sender.s, f);
		return failed;
	case RECEIVED_KEYCHANGED:
		return "not checked: the sender's key changed";
	case RECEIVED_VERIFIED:
		return "yes";
	case RECEIVED_NEWKEY:
		return "unverified (new key pinned)";
	case RECEIVED_NOKEY:
		return "unverified (no key for the sender)";
	default:
		snprintf(failed, sizeof failed, "failed: %s",
		    msg_reason(r->verdict));
		return failed;
	}
}

/* the verdicts in words: %s is the sender */
static struct {
	enum msg_verdict v;
	char const *text;
} const words[] = {
	{ MSG_STORED_NOT_OPEN, "it does not open with your key: it was not "
	    "sealed to you, or it was damaged on the server" },
	{ MSG_ENV_SHORT, "the server's envelope around it is cut short" },
	{ MSG_ENV_VERSION, "the server's envelope has a version this client "
	    "does not know" },
	{ MSG_VSIG_BAD, "the server's signature on it does not match the "
	    "server's pinned key" },
	{ MSG_SENDER101_BAD, "the envelope names no valid sender" },
	{ MSG_BLOB_NOT_OPEN, "its sealed part does not open with your key: "
	    "it was damaged, or not written to you" },
	{ MSG_INNER_SHORT, "its sealed part is cut short" },
	{ MSG_INNER_VERSION, "it has a version this client does not know" },
	{ MSG_LEN_LARGE, "its length field is larger than the message: it "
	    "was damaged or tampered with" },
	{ MSG_LEN_NOT_PADME, "its padding has the wrong length: it was "
	    "damaged or tampered with" },
	{ MSG_PADDING_NONZERO, "its padding is not zeros: it was damaged or "
	    "tampered with" },
	{ MSG2_PREKEY_UNKNOWN, "it was sealed to a prekey this client does "
	    "not hold (used up, or not yours)" },
	{ MSG2_PREKEY_REUSE, "it reuses a one-time prekey: a replay of a "
	    "message already read, or a prekey used twice" },
	{ MSG2_EPHEMERAL_BAD, "the sender's one-time key in it is malformed" },
	{ MSG2_DH_ZERO, "its key agreement gives a zero secret: it was made "
	    "to be weak" },
	{ MSG2_SCERT_BAD, "the server's certificate of the sender's key does "
	    "not verify" },
	{ MSG2_SCERT_EXPIRED, "the server's certificate of the sender's key "
	    "has expired" },
	{ MSG2_MODE_BAD, "its sealing mode does not match its header" },
	{ MSG2_SENDER_MISMATCH, "the sender named inside is not the one the "
	    "server certified" },
	{ MSG2_TKH_BAD, "it was sent anonymously with a token whose key is "
	    "not the token key the server gives you for that week (epoch), "
	    "or the server refuses you the key of a week it must still "
	    "know: the server may be giving people different token keys to "
	    "learn who sends (tagging). Keep the message as evidence and "
	    "tell the server's administrator and the sender" },
};

int
received_sender_known(struct received const *r)
{
	return r->status == RECEIVED_KEYCHANGED ||
	    (r->status == RECEIVED_REJECTED &&
	    r->verdict >= MSG_BLOB_NOT_OPEN && r->verdict <= MSG_SSIG_BAD);
}

void
received_explain(struct received const *r, char const *id, char *why,
    size_t wmax, char *cmd, size_t cmax)
{
	char a[RUNE_FPR_TEXT_LEN + 1], b[RUNE_FPR_TEXT_LEN + 1];
	char const *s = "it failed a check";
	size_t i;

	snprintf(cmd, cmax, "rune delete %s (it cannot be read; ask the "
	    "sender to send it again)", id);
	if (r->status == RECEIVED_KEYCHANGED) {
		fpr_fmt(a, r->pinned);
		fpr_fmt(b, r->seen);
		snprintf(why, wmax, "%s's key changed: you pinned %s, the "
		    "server now gives %s. Ask %s, by another channel, for "
		    "the new fingerprint; if it matches, run", r->m.sender.s,
		    a, b, r->m.sender.s);
		pin_addr_repin(cmd, cmax, &r->m.sender, r->seen);
		return;
	}
	if (r->verdict == MSG_SSIG_BAD) {
		snprintf(why, wmax, "the signature does not match %s's pinned "
		    "key (nor any key of theirs you replaced): it may be "
		    "forged, or damaged (ssig-bad)", r->m.sender.s);
		return;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (words[i].v == r->verdict)
			s = words[i].text;
	snprintf(why, wmax, "%s (%s)", s, msg_reason(r->verdict));
}

void
received_alarm(char const *why)
{
	fflush(stdout);
	warn("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
	warn("WARNING: THE TOKEN KEY OF AN ANONYMOUS MESSAGE HAS CHANGED");
	warn("%s", why);
	warn("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@");
}

void
received_free(struct received *r)
{
	msg_rx_free(&r->m);
	buf_free(&r->stored);
	if (r->big) {
		paytmp_close(&r->body);
		paytmp_close(&r->bigstored);
	}
	r->big = 0;
}

/* a v2 message opened before, from its local record in the cache (the
 * record itself is v2recv.c's) */
enum received_status
rx2_cached(struct received *r, struct home const *h, char const *id,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char magic[RUNE_ID_LEN];
	struct paytmp rec;
	enum received_status s;

	received_init(r);
	if (cache_open(h, id, &rec.fd, &rec.n) && rec.n > RX2STREAM_MIN) {
		/* a large one, opened in passes (rx2stream.h); not a local
		 * record (a v1 message's stored blob): none */
		if (!paytmp_read(&rec, 0, magic, sizeof magic) ||
		    !rx2_is_local_head(magic, sizeof magic)) {
			paytmp_close(&rec);
			return r->status = RECEIVED_GONE;
		}
		s = rx2_local_fd(r, h, sk, &rec);
		paytmp_close(&rec);
		return s;
	}
	if (rec.fd >= 0)
		paytmp_close(&rec);
	if (!cache_get(h, id, &r->stored) ||
	    !rx2_is_local(r->stored.s, r->stored.len)) {
		received_free(r);
		received_init(r);
		return r->status = RECEIVED_GONE;
	}
	return rx2_local(r, h, sk);
}
