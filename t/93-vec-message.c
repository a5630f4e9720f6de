/* 93-vec-message: messages (section 10, 13.7) against every vector of
 * vectors.json "message": the client's blob, the server's envelope and
 * message id, the receiver's verdict and reason; and hostile stored
 * blobs of every kind 13.7 names. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "envelope.h"
#include "frame.h"
#include "hexid.h"
#include "msg.h"
#include "num.h"
#include "padme.h"
#include "seal.h"
#include "tap.h"
#include "lib/vec.h"

#define BIG 16384

struct kobj {
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
};

/* one field of a vector */
struct fld {
	unsigned char b[BIG];
	size_t n;
};

static void
kobj(json_t *o, char const *field, struct kobj *k)
{
	json_t *ko = json_object_get(o, field);
	size_t n;

	if (ko == NULL || !vec_hex(ko, "pk", k->pk, sizeof k->pk, &n) ||
	    n != 32 || !vec_hex(ko, "sk", k->sk, sizeof k->sk, &n) || n != 64)
		bail("%s: bad key object %s", vec_name(o), field);
}

static struct fld *
fld(json_t *o, char const *f)
{
	struct fld *x = malloc(sizeof *x);

	if (x == NULL)
		bail("out of memory");
	if (!vec_hex(o, f, x->b, sizeof x->b, &x->n))
		bail("%s: bad %s", vec_name(o), f);
	return x;
}

static void
parse(struct addr *a, char const *s)
{
	if (s == NULL || !addr_parse(a, s, strlen(s)))
		bail("bad address %s", s ? s : "(null)");
}

/* the receiver's three steps; m is left for the caller to free */
static enum msg_verdict
receive(struct msg_rx *m, unsigned char const *stored, size_t len,
    struct addr const *me, struct kobj const *rcv,
    unsigned char const server_pk[32], unsigned char const sender_pk[32])
{
	enum msg_verdict v;

	msg_rx_init(m);
	v = msg_open_envelope(m, stored, len, me, rcv->sk, server_pk);
	if (v != MSG_OK)
		return v;
	v = msg_open_inner(m, rcv->sk);
	if (v != MSG_OK)
		return v;
	return msg_check_ssig(m, sender_pk);
}

/* the server's side: blob -> stored, as rune-session does it */
static unsigned char *
serve(size_t *slen, unsigned char id[32], unsigned char const *blob,
    size_t bloblen, struct addr const *rcv, unsigned char const rpk[32],
    struct addr const *snd, uint64_t t, unsigned char const ssk[64])
{
	size_t room = envelope_prefix_room();
	unsigned char *buf = malloc(room + bloblen + 1);
	unsigned char *stored = malloc(bloblen + RUNE_STORED_EXTRA);
	int r;

	if (buf == NULL || stored == NULL)
		bail("out of memory");
	memcpy(buf + room, blob, bloblen);
	r = envelope_make(stored, id, buf, room, bloblen, rcv, rpk, snd, t,
	    ssk);
	if (r)
		r = memcmp(buf + room, blob, bloblen) == 0;
	free(buf);
	if (!r) {
		free(stored);
		return NULL;
	}
	*slen = bloblen + RUNE_STORED_EXTRA;
	return stored;
}

/* reasons at the envelope level: the vector's env is not the honest one */
static int
env_level(char const *reason)
{
	return reason != NULL && (!strcmp(reason, "env-version") ||
	    !strcmp(reason, "vsig-bad") || !strcmp(reason, "sender101-bad") ||
	    !strcmp(reason, "env-too-short"));
}

static void
one(json_t *o)
{
	char const *nm = vec_name(o), *expect = vec_str(o, "expect");
	char const *reason = vec_str(o, "reason");
	struct kobj srv, snd, rcv;
	struct addr sa, ra;
	struct msg_rx m;
	struct fld *payload = fld(o, "payload"), *ssig_signed =
	    fld(o, "ssig_signed"), *ssig = fld(o, "ssig"), *inner =
	    fld(o, "inner"), *blob = fld(o, "blob"), *time_be8 =
	    fld(o, "time_be8"), *s101 = fld(o, "sender101"), *vsig_signed =
	    fld(o, "vsig_signed"), *vsig = fld(o, "vsig"), *env =
	    fld(o, "env"), *stored = fld(o, "stored"), *w = fld(o, "payload");
	unsigned char sig[64], t8[8], my101[RUNE_SENDER101], id[32];
	unsigned char *st2, *x;
	char idhex[RUNE_ID_HEX_LEN + 1], want[256];
	uint64_t t = (uint64_t)vec_int(o, "time");
	size_t h, n, st2len;
	enum msg_verdict v;
	int accept = strcmp(expect, "accept") == 0, inner_ok;

	kobj(o, "server", &srv);
	kobj(o, "sender", &snd);
	kobj(o, "receiver", &rcv);
	parse(&sa, vec_str(o, "sender_address"));
	parse(&ra, vec_str(o, "receiver_address"));
	ok(accept == (reason == NULL) && (accept ||
	    strcmp(expect, "reject") == 0), "%s: expect/reason", nm);
	x = malloc(BIG);
	if (x == NULL)
		bail("out of memory");

	/* ssig: the frame (unless signed for another receiver) and sig */
	h = frame_message_hdr(w->b, sizeof w->b, sa.s, sa.len, ra.s, ra.len);
	memcpy(w->b + h, payload->b, payload->n);
	if (reason == NULL || strcmp(reason, "ssig-bad") != 0)
		is_bytes(w->b, h + payload->n, ssig_signed->b, ssig_signed->n,
		    "%s: ssig_signed", nm);
	crypto_sign_detached(sig, NULL, ssig_signed->b, ssig_signed->n,
	    snd.sk);
	is_bytes(sig, 64, ssig->b, ssig->n, "%s: ssig recomputed", nm);

	/* the blob opens to inner */
	ok(blob->n >= RUNE_SEAL_LEN && seal_open(x, blob->b, blob->n, rcv.sk),
	    "%s: blob opens", nm);
	is_bytes(x, blob->n - RUNE_SEAL_LEN, inner->b, inner->n,
	    "%s: blob opens to inner", nm);
	inner_ok = reason == NULL || env_level(reason) ||
	    !strcmp(reason, "ssig-bad") || !strcmp(reason,
	    "stored-does-not-open");
	if (inner_ok) {
		/* inner as the client makes it, with the vector's ssig */
		x[0] = 1;
		memcpy(x + 1, ssig->b, 64);
		num_pack_be4(x + 65, (uint32_t)payload->n);
		memcpy(x + 69, payload->b, payload->n);
		n = (size_t)padme(payload->n + 69);
		memset(x + 69 + payload->n, 0, n - 69 - payload->n);
		is_bytes(x, n, inner->b, inner->n, "%s: inner built", nm);
	}

	/* the envelope fields */
	num_pack_be8(t8, t);
	is_bytes(t8, 8, time_be8->b, time_be8->n, "%s: time_be8", nm);
	frame_sender101(my101, sa.s, sa.len);
	ok((s101->n == 101 && memcmp(my101, s101->b, 101) == 0) ==
	    !(reason && !strcmp(reason, "sender101-bad")),
	    "%s: sender101 %s", nm, reason && !strcmp(reason,
	    "sender101-bad") ? "differs" : "built");
	if (s101->n != 101)
		bail("%s: sender101 length", nm);
	h = frame_envelope_hdr(w->b, sizeof w->b, ra.s, ra.len, t, s101->b);
	memcpy(w->b + h, blob->b, blob->n);
	is_bytes(w->b, h + blob->n, vsig_signed->b, vsig_signed->n,
	    "%s: vsig_signed", nm);
	crypto_sign_detached(sig, NULL, vsig_signed->b, vsig_signed->n,
	    srv.sk);
	ok((memcmp(sig, vsig->b, 64) == 0) == !(reason && !strcmp(reason,
	    "vsig-bad")), "%s: vsig %s", nm, reason && !strcmp(reason,
	    "vsig-bad") ? "by another key" : "recomputed");
	w->b[0] = reason && !strcmp(reason, "env-version") ? 2 : 1;
	memcpy(w->b + 1, vsig->b, 64);
	memcpy(w->b + 65, t8, 8);
	memcpy(w->b + 73, s101->b, 101);
	memcpy(w->b + 174, blob->b, blob->n);
	is_bytes(w->b, 174 + blob->n, env->b, env->n, "%s: env", nm);

	/* stored opens to env (but for the one sealed to another key) */
	n = reason && !strcmp(reason, "stored-does-not-open");
	ok(seal_open(x, stored->b, stored->n, rcv.sk) == !n,
	    "%s: stored %s", nm, n ? "does not open" : "opens");
	if (!n)
		is_bytes(x, stored->n - 48, env->b, env->n,
		    "%s: stored opens to env", nm);
	envelope_id(id, stored->b, stored->n);
	hexid_fmt(idhex, id);
	is_str(idhex, vec_str(o, "message_id"), "%s: message_id", nm);
	snprintf(want, sizeof want, "250 %s", idhex);
	is_str(vec_str(o, "reply_250"), want, "%s: reply_250", nm);
	snprintf(want, sizeof want, "%s %zu", idhex, stored->n);
	is_str(vec_str(o, "list_line"), want, "%s: list_line", nm);
	snprintf(want, sizeof want, "SEND %s %zu", ra.s, blob->n);
	is_str(vec_str(o, "send_line"), want, "%s: send_line", nm);
	ok(stored->n == blob->n + RUNE_STORED_EXTRA, "%s: |stored|", nm);

	/* the receiver's verdict and reason */
	v = receive(&m, stored->b, stored->n, &ra, &rcv, srv.pk, snd.pk);
	is_str(msg_reason(v), accept ? "ok" : reason, "%s: receiver: %s",
	    nm, expect);
	if (v == MSG_OK) {
		is_str(m.sender.s, sa.s, "%s: sender", nm);
		is_u64(m.time, t, "%s: time", nm);
		is_bytes(m.payload, m.paylen, payload->b, payload->n,
		    "%s: payload", nm);
	}
	msg_rx_free(&m);

	/* the server's envelope for the vector's blob: vsig is
	 * deterministic, so env is the vector's for an honest server */
	st2 = serve(&st2len, id, blob->b, blob->n, &ra, rcv.pk, &sa, t,
	    srv.sk);
	ok(st2 != NULL, "%s: envelope_make", nm);
	if (st2 == NULL)
		bail("%s: envelope_make failed", nm);
	envelope_id(w->b, st2, st2len);
	ok(memcmp(w->b, id, 32) == 0, "%s: our message id", nm);
	ok(seal_open(x, st2, st2len, rcv.sk), "%s: our stored opens", nm);
	if (env_level(reason)) {
		ok(memcmp(x, env->b, env->n) != 0,
		    "%s: our env is the honest one", nm);
	} else {
		is_bytes(x, st2len - 48, env->b, env->n, "%s: our env", nm);
	}
	v = receive(&m, st2, st2len, &ra, &rcv, srv.pk, snd.pk);
	is_str(msg_reason(v), accept || env_level(reason) || !strcmp(reason,
	    "stored-does-not-open") ? "ok" : reason,
	    "%s: receiver on our stored", nm);
	msg_rx_free(&m);
	free(st2);

	/* the client's blob: inner is deterministic */
	if (accept) {
		ok(msg_make(x, BIG, &n, payload->b, payload->n, &sa, snd.sk,
		    &ra, rcv.pk), "%s: msg_make", nm);
		is_u64(n, blob->n, "%s: blob size", nm);
		ok(seal_open(w->b, x, n, rcv.sk), "%s: our blob opens", nm);
		is_bytes(w->b, n - 48, inner->b, inner->n, "%s: our inner",
		    nm);
		errno = 0;
		ok(!msg_make(x, n - 1, &n, payload->b, payload->n, &sa,
		    snd.sk, &ra, rcv.pk) && errno == EMSGSIZE,
		    "%s: msg_make refuses a short buffer", nm);
	}
	free(x);
	free(payload), free(ssig_signed), free(ssig), free(inner);
	free(blob), free(time_be8), free(s101), free(vsig_signed);
	free(vsig), free(env), free(stored), free(w);
}


int
main(void)
{
	json_t *v;
	size_t i;

	if (sodium_init() < 0)
		bail("sodium_init");
	v = vec_array("message");
	for (i = 0; i < json_array_size(v); i++)
		one(vec_at(v, i));
	vec_free();
	return done();
}
