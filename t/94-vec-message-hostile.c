/* 94-vec-message-hostile: the receiver's checks of 13.7 on hostile
 * stored blobs (truncated, short, wrong versions, lying lengths, bad
 * sender101, junk seals), and round trips of lib/msg and lib/envelope,
 * with the keys of the first "message" vector. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "envelope.h"
#include "frame.h"
#include "msg.h"
#include "num.h"
#include "padme.h"
#include "seal.h"
#include "tap.h"
#include "lib/vec.h"

#define BIG 16384
#define T 1700000000ULL

static unsigned char spk[32], ssk[64], apk[32], ask[64], bpk[32], bsk[64];
static struct addr alice, bob, carol;

static void
kobj(json_t *o, char const *field, unsigned char pk[32],
    unsigned char sk[64])
{
	json_t *ko = json_object_get(o, field);
	size_t n;

	if (ko == NULL || !vec_hex(ko, "pk", pk, 32, &n) || n != 32 ||
	    !vec_hex(ko, "sk", sk, 64, &n) || n != 64)
		bail("bad key object %s", field);
}

/* the receiver (bob) on stored[0..len) */
static enum msg_verdict
receive(unsigned char const *stored, size_t len)
{
	struct msg_rx m;
	enum msg_verdict v;

	msg_rx_init(&m);
	v = msg_open_envelope(&m, stored, len, &bob, bsk, spk);
	if (v == MSG_OK)
		v = msg_open_inner(&m, bsk);
	if (v == MSG_OK)
		v = msg_check_ssig(&m, apk);
	msg_rx_free(&m);
	return v;
}

/* an honest server's stored blob for blob[0..n), alice to bob, then the
 * receiver's verdict */
static enum msg_verdict
via_server(unsigned char const *blob, size_t n)
{
	size_t room = envelope_prefix_room();
	unsigned char *buf = malloc(room + n + 1), *st = malloc(n + 222);
	unsigned char id[32];
	enum msg_verdict v = MSG_NOMEM;

	if (buf == NULL || st == NULL)
		bail("out of memory");
	memcpy(buf + room, blob, n);
	if (envelope_make(st, id, buf, room, n, &bob, bpk, &alice, T, ssk))
		v = receive(st, n + 222);
	free(buf);
	free(st);
	return v;
}

/* inner[0..n) sealed to bob, then via_server */
static enum msg_verdict
via_inner(unsigned char const *inner, size_t n)
{
	unsigned char *blob = malloc(n + 48);
	enum msg_verdict v;

	if (blob == NULL || !seal_to(blob, inner, n, bpk))
		bail("seal_to");
	v = via_server(blob, n + 48);
	free(blob);
	return v;
}

/* env = ver || vsig (over me's frame) || time || s101 || blob, sealed to
 * bob; the receiver's verdict */
static enum msg_verdict
via_env(unsigned char ver, unsigned char const s101[101],
    unsigned char const *blob, size_t n)
{
	unsigned char *f = malloc(FRAME_ENVELOPE_HDR_MAX + n);
	unsigned char *env = malloc(174 + n), *st = malloc(222 + n);
	size_t h;
	enum msg_verdict v;

	if (f == NULL || env == NULL || st == NULL)
		bail("out of memory");
	h = frame_envelope_hdr(f, FRAME_ENVELOPE_HDR_MAX, bob.s, bob.len, T,
	    s101);
	memcpy(f + h, blob, n);
	env[0] = ver;
	crypto_sign_detached(env + 1, NULL, f, h + n, ssk);
	num_pack_be8(env + 65, T);
	memcpy(env + 73, s101, 101);
	memcpy(env + 174, blob, n);
	if (!seal_to(st, env, 174 + n, bpk))
		bail("seal_to");
	v = receive(st, 222 + n);
	free(f), free(env), free(st);
	return v;
}

static void
check(enum msg_verdict got, enum msg_verdict want, char const *what)
{
	is_str(msg_reason(got), msg_reason(want), "%s", what);
}

static void
envelopes(json_t *o)
{
	unsigned char stored[4096], blob[4096], env[300], st[400], s101[101];
	size_t sn, bn, i;
	int all;

	if (!vec_hex(o, "stored", stored, sizeof stored, &sn) ||
	    !vec_hex(o, "blob", blob, sizeof blob, &bn))
		bail("no stored");
	check(receive(stored, sn), MSG_OK, "the vector passes");
	for (all = 1, i = 0; i < sn; i++)
		all &= receive(stored, i) == MSG_STORED_NOT_OPEN;
	ok(all, "truncated stored, every length: stored-does-not-open");
	stored[sn] = 0;
	check(receive(stored, sn + 1), MSG_STORED_NOT_OPEN, "one more octet");
	for (all = 1, i = 0; i < sn; i += 37) {
		stored[i] ^= 4;
		all &= receive(stored, sn) == MSG_STORED_NOT_OPEN;
		stored[i] ^= 4;
	}
	ok(all, "flipped octets: stored-does-not-open");

	/* env shorter than 222, whatever its version */
	randombytes_buf(env, sizeof env);
	for (all = 1, i = 0; i < 222; i++) {
		env[0] = (unsigned char)(i & 1) + 1;
		all &= seal_to(st, env, i, bpk) &&
		    receive(st, i + 48) == MSG_ENV_SHORT;
	}
	ok(all, "env of 0..221 octets: env-too-short");
	for (all = 1, i = 0; i < 48; i++)
		all &= via_server(blob, i) == MSG_ENV_SHORT;
	ok(all, "client blobs of 0..47 octets: env-too-short");
	env[0] = 0;
	ok(seal_to(st, env, 222, bpk), "seal_to");
	check(receive(st, 270), MSG_ENV_VERSION, "env version 0");
	frame_sender101(s101, alice.s, alice.len);
	check(via_env(2, s101, blob, bn), MSG_ENV_VERSION, "env version 2");
	check(via_env(1, s101, blob, bn), MSG_OK, "env built by hand");
	env[0] = 1;
	ok(seal_to(st, env, 222, bpk), "seal_to");
	check(receive(st, 270), MSG_VSIG_BAD, "random env: vsig-bad");

	/* sender101 (13.8), under a good vsig */
	memset(s101, 0, sizeof s101);
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "sender101 zero");
	memcpy(s101, "ab@runedemo", 11);
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "user too short");
	memset(s101, 'a', sizeof s101);
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "no @, no zero");
	frame_sender101(s101, alice.s, alice.len);
	s101[100] = 1;
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "last octet 1");
	frame_sender101(s101, "alice@RUNEDEMO", 14);
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "upper domain");
	frame_sender101(s101, "alice@runedemo@", 15);
	check(via_env(1, s101, blob, bn), MSG_SENDER101_BAD, "two @");

	/* vsig over another receiver, sealed to bob */
	{
		size_t room = envelope_prefix_room();
		unsigned char *buf = malloc(room + bn), id[32];

		if (buf == NULL)
			bail("out of memory");
		memcpy(buf + room, blob, bn);
		ok(envelope_make(st, id, buf, room, 48, &carol, bpk, &alice,
		    T, ssk), "envelope for carol");
		check(receive(st, 48 + 222), MSG_VSIG_BAD,
		    "vsig for carol, read by bob");
		ok(!envelope_make(st, id, buf, room - 1, 48, &bob, bpk,
		    &alice, T, ssk), "envelope_make: room too small");
		memset(id, 0, 32);
		ok(!envelope_make(st, id, buf, room, 48, &bob, id, &alice, T,
		    ssk), "envelope_make: zero receiver key");
		free(buf);
	}
	is_u64(envelope_prefix_room(), 227, "prefix room");
}

static void
inners(void)
{
	unsigned char in[4096];
	struct msg_rx m;

	randombytes_buf(in, sizeof in);
	check(via_server(in, 48), MSG_BLOB_NOT_OPEN, "junk blob of 48");
	check(via_server(in, 1072), MSG_BLOB_NOT_OPEN, "junk blob of 1072");
	check(via_inner(in, 0), MSG_INNER_SHORT, "inner of 0");
	check(via_inner(in, 68), MSG_INNER_SHORT, "inner of 68");
	in[0] = 2;
	check(via_inner(in, 69), MSG_INNER_VERSION, "inner version 2");
	in[0] = 0;
	check(via_inner(in, 1024), MSG_INNER_VERSION, "inner version 0");
	in[0] = 1;
	num_pack_be4(in + 65, 0);
	check(via_inner(in, 69), MSG_LEN_NOT_PADME, "inner of 69, len 0");
	num_pack_be4(in + 65, 956);
	check(via_inner(in, 1024), MSG_LEN_LARGE, "len 956 in 1024");
	num_pack_be4(in + 65, 0xffffffff);
	check(via_inner(in, 1024), MSG_LEN_LARGE, "len 2^32-1");
	num_pack_be4(in + 65, 955);
	check(via_inner(in, 1024), MSG_SSIG_BAD, "len 955, random ssig");
	num_pack_be4(in + 65, 100);
	check(via_inner(in, 2176), MSG_LEN_NOT_PADME, "len 100 in 2176");
	check(via_inner(in, 1025), MSG_LEN_NOT_PADME, "len 100 in 1025");
	memset(in + 169, 0, 1024 - 169);
	in[1023] = 0x80;
	check(via_inner(in, 1024), MSG_PADDING_NONZERO, "last octet");
	in[1023] = 0;
	in[169] = 1;
	check(via_inner(in, 1024), MSG_PADDING_NONZERO, "first pad octet");
	in[169] = 0;
	check(via_inner(in, 1024), MSG_SSIG_BAD, "zero padding, bad ssig");

	/* steps out of order */
	msg_rx_init(&m);
	check(msg_open_inner(&m, bsk), MSG_STEP, "inner before envelope");
	check(msg_check_ssig(&m, apk), MSG_STEP, "ssig before inner");
	check(msg_open_envelope(&m, in, 100, &bob, bsk, spk),
	    MSG_STORED_NOT_OPEN, "junk stored");
	check(msg_open_envelope(&m, in, 100, &bob, bsk, spk), MSG_STEP,
	    "envelope twice");
	msg_rx_free(&m);
}

/* msg_make -> envelope_make -> receive, for payloads of n octets */
static void
roundtrip(size_t n)
{
	unsigned char *p = malloc(n + 1), *blob, *buf, *st, id[32];
	size_t room = envelope_prefix_room(), bn;
	uint64_t want = padme_blob_size(n);
	struct msg_rx m;
	enum msg_verdict v;
	int r;

	blob = malloc(want);
	buf = malloc(room + want);
	st = malloc(want + 222);
	if (p == NULL || blob == NULL || buf == NULL || st == NULL)
		bail("out of memory");
	randombytes_buf(p, n);
	bn = 0;
	r = msg_make(blob, want, &bn, p, n, &alice, ask, &bob, bpk);
	ok(r && bn == want, "%zu octets: msg_make, blob of %zu", n, bn);
	memcpy(buf + room, blob, bn);
	ok(envelope_make(st, id, buf, room, bn, &bob, bpk, &alice, T, ssk),
	    "%zu octets: envelope_make", n);
	msg_rx_init(&m);
	v = msg_open_envelope(&m, st, bn + 222, &bob, bsk, spk);
	if (v == MSG_OK)
		v = msg_open_inner(&m, bsk);
	check(v, MSG_OK, "opens");
	if (v == MSG_OK) {
		check(msg_check_ssig(&m, bpk), MSG_SSIG_BAD,
		    "ssig under another key");
		check(msg_check_ssig(&m, apk), MSG_OK, "ssig");
		ok(m.paylen == n && memcmp(m.payload, p, n) == 0 &&
		    !strcmp(m.sender.s, alice.s) && m.time == T,
		    "%zu octets: payload, sender, time", n);
	}
	msg_rx_free(&m);
	free(p), free(blob), free(buf), free(st);
}

int
main(void)
{
	json_t *o;

	if (sodium_init() < 0)
		bail("sodium_init");
	o = vec_at(vec_array("message"), 0);
	kobj(o, "server", spk, ssk);
	kobj(o, "sender", apk, ask);
	kobj(o, "receiver", bpk, bsk);
	if (!addr_parse(&alice, "alice@runedemo", 14) ||
	    !addr_parse(&bob, "bob@runedemo", 12) ||
	    !addr_parse(&carol, "carol@runedemo", 14))
		bail("addr_parse");
	envelopes(o);
	inners();
	roundtrip(0);
	roundtrip(955);
	roundtrip(956);
	roundtrip(5000);
	roundtrip(300000);
	vec_free();
	return done();
}
