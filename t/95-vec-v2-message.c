/* 95-vec-v2-message: protocol v2's message, prekey records and sender
 * certificates (doc/protocol-v2.md 1.5, 1.6, 3.2) against
 * t/data/vectors-v2.json, then the receiver's checks on hostile blob2s:
 * E with the top bit set, E >= p, small-order E, a re-wrapped inner2
 * (A1), mode and sender mismatches, an expired certificate, a used
 * one-time key, tampered ciphertext. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "envelope.h"
#include "msg.h"
#include "msg2.h"
#include "num.h"
#include "padme.h"
#include "prekey.h"
#include "scert.h"
#include "seal.h"
#include "tap.h"
#include "lib/vec.h"

#define BIG 100000

struct kp {
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
};

static json_t *root, *in;
static struct kp server, alice, bob;
static struct addr a_alice, a_bob;
static char const *domain;
static unsigned char lr_sk[32], ot_sk[32], E[32], SPK[32], OPK[32];
static unsigned char scert[RUNE2_SCERT_LEN], tkh[32], zero[32];
static uint64_t env_time;

static void
hexn(json_t *o, char const *f, unsigned char *b, size_t n)
{
	vec_hex_n(o, f, b, n, n);
}

static void
seed_kp(json_t *o, char const *f, struct kp *k)
{
	unsigned char seed[32];

	hexn(o, f, seed, 32);
	if (crypto_sign_seed_keypair(k->pk, k->sk, seed) != 0)
		bail("seed keypair");
}

static void
parse(struct addr *a, char const *s)
{
	if (s == NULL || !addr_parse(a, s, strlen(s)))
		bail("bad address %s", s ? s : "(null)");
}

static void
inputs(void)
{
	unsigned char want[32], e[32], ik[32];

	in = json_object_get(root, "inputs");
	if (in == NULL)
		bail("no inputs");
	domain = vec_str(in, "domain");
	seed_kp(in, "server_seed", &server);
	seed_kp(json_object_get(in, "alice"), "seed", &alice);
	seed_kp(json_object_get(in, "bob"), "seed", &bob);
	parse(&a_alice, vec_str(json_object_get(in, "alice"), "address"));
	parse(&a_bob, vec_str(json_object_get(in, "bob"), "address"));
	hexn(root, "server_pk", want, 32);
	is_bytes(server.pk, 32, want, 32, "server key from its seed");
	hexn(root, "alice_pk", want, 32);
	is_bytes(alice.pk, 32, want, 32, "alice's key from her seed");
	hexn(root, "bob_pk", want, 32);
	is_bytes(bob.pk, 32, want, 32, "bob's key from his seed");
	hexn(root, "bob_ik", want, 32);
	ok(crypto_sign_ed25519_pk_to_curve25519(ik, bob.pk) == 0 &&
	    memcmp(ik, want, 32) == 0, "IK: bob's key as X25519");
	hexn(in, "e", e, 32);
	hexn(in, "bob_lastresort_secret", lr_sk, 32);
	hexn(in, "bob_onetime_secret", ot_sk, 32);
	if (crypto_scalarmult_base(E, e) != 0 ||
	    crypto_scalarmult_base(SPK, lr_sk) != 0 ||
	    crypto_scalarmult_base(OPK, ot_sk) != 0)
		bail("scalarmult_base");
	hexn(root, "E", want, 32);
	is_bytes(E, 32, want, 32, "E = X25519(e)");
	hexn(root, "SPK", want, 32);
	is_bytes(SPK, 32, want, 32, "SPK from the last-resort secret");
	hexn(root, "OPK", want, 32);
	is_bytes(OPK, 32, want, 32, "OPK from the one-time secret");
	env_time = (uint64_t)vec_int(in, "envelope_time");
}

static void
prekeys(void)
{
	unsigned char rec[RUNE2_PREKEY_LEN], want[RUNE2_PREKEY_LEN], bad[105];
	struct prekey p, q;
	struct kp other;
	int i;

	p.kind = RUNE2_KIND_LASTRESORT;
	memcpy(p.xpk, SPK, 32);
	p.not_after = (uint64_t)vec_int(in, "bob_lastresort_not_after");
	hexn(root, "prekey_L", want, sizeof want);
	ok(prekey_make(rec, &p, &a_bob, bob.sk), "prekey_make L");
	is_bytes(rec, sizeof rec, want, sizeof want, "prekey_L record");
	ok(prekey_parse(&q, want, &a_bob, bob.pk) && q.kind == 'L' &&
	    q.not_after == p.not_after && memcmp(q.xpk, SPK, 32) == 0,
	    "prekey_L parses with bob's key");
	p.kind = RUNE2_KIND_ONETIME;
	memcpy(p.xpk, OPK, 32);
	p.not_after = (uint64_t)vec_int(in, "bob_onetime_not_after");
	hexn(root, "prekey_O", want, sizeof want);
	ok(prekey_make(rec, &p, &a_bob, bob.sk), "prekey_make O");
	is_bytes(rec, sizeof rec, want, sizeof want, "prekey_O record");
	ok(prekey_parse(&q, want, &a_bob, bob.pk) && q.kind == 'O',
	    "prekey_O parses");
	/* PK-N1, PK-N5: another key, another address, any flipped octet */
	ok(!prekey_parse(&q, want, &a_bob, alice.pk), "psig by another key");
	ok(!prekey_parse(&q, want, &a_alice, bob.pk), "psig for another address");
	for (i = 0; i < RUNE2_PREKEY_LEN; i++) {
		memcpy(bad, want, sizeof bad);
		bad[i] ^= 0x01;
		if (prekey_parse(&q, bad, &a_bob, bob.pk))
			break;
	}
	ok(i == RUNE2_PREKEY_LEN, "every flipped octet of a record refused");
	p.kind = 'X';
	ok(!prekey_make(rec, &p, &a_bob, bob.sk), "kind X not made");
	memcpy(bad, want, sizeof bad);
	bad[0] = 'X';
	ok(!prekey_parse(&q, bad, &a_bob, bob.pk), "kind X refused");
	/* a zero xpk correctly signed is still refused */
	crypto_sign_keypair(other.pk, other.sk);
	p.kind = RUNE2_KIND_ONETIME;
	memset(p.xpk, 0, 32);
	ok(!prekey_make(rec, &p, &a_bob, bob.sk), "zero xpk not made");
}

static void
certificate(void)
{
	unsigned char want[RUNE2_SCERT_LEN], csig[64];
	struct scert c, q;
	unsigned char bad[RUNE2_SCERT_LEN];
	int i;

	c.sender = a_alice;
	memcpy(c.spk, alice.pk, 32);
	c.not_after = (uint64_t)vec_int(json_object_get(in, "scert"),
	    "not_after");
	ok(scert_make(scert, &c, domain, server.sk), "scert_make");
	hexn(root, "scert", want, sizeof want);
	is_bytes(scert, sizeof scert, want, sizeof want, "scert");
	hexn(root, "csig", csig, sizeof csig);
	is_bytes(scert + 141, 64, csig, 64, "csig");
	ok(scert_parse(&q, want, domain, server.pk) &&
	    strcmp(q.sender.s, "alice@runedemo") == 0 &&
	    memcmp(q.spk, alice.pk, 32) == 0 && q.not_after == c.not_after,
	    "scert parses with the server key");
	ok(!scert_parse(&q, want, "otherdomain", server.pk),
	    "scert refused for another domain");
	ok(!scert_parse(&q, want, domain, alice.pk),
	    "scert refused with another server key");
	for (i = 0; i < RUNE2_SCERT_LEN; i++) {
		memcpy(bad, want, sizeof bad);
		bad[i] ^= 0x20;
		if (scert_parse(&q, bad, domain, server.pk))
			break;
	}
	ok(i == RUNE2_SCERT_LEN, "every flipped octet of scert refused");
	parse(&c.sender, "carol@elsewhere");
	ok(!scert_make(bad, &c, domain, server.sk),
	    "no certificate for another domain's address");
}

static void
token_hash(void)
{
	unsigned char pkT[32], want[32];
	json_t *t = json_object_get(root, "token");
	json_t *ti = json_object_get(in, "token");

	if (t == NULL || ti == NULL)
		bail("no token");
	hexn(t, "pkT", pkT, 32);
	hexn(root, "tkh", want, 32);
	ok(msg2_tkh(tkh, domain, (uint64_t)vec_int(ti, "epoch"), pkT),
	    "msg2_tkh");
	is_bytes(tkh, 32, want, 32, "tkh");
}

/* the receiver's whole path over stored[0..len) */
static enum msg_verdict
receive(unsigned char const *stored, size_t len, struct msg_rx *m,
    unsigned char const *opk_secret)
{
	enum msg_verdict v;

	msg_rx_init(m);
	v = msg_open_envelope(m, stored, len, &a_bob, bob.sk, server.pk);
	if (v != MSG_OK)
		return v;
	if (m->version != 2)
		return MSG_ENV_VERSION;
	if (memcmp(m->spk, SPK, 32) != 0)
		return MSG2_PREKEY_UNKNOWN;
	v = msg2_open_inner(m, bob.sk, lr_sk,
	    sodium_is_zero(m->opk, 32) ? NULL : opk_secret);
	if (v != MSG_OK)
		return v;
	return msg2_check(m, domain, server.pk);
}

/* wraps blob2 in an envelope (sender NULL: anonymous) and receives it */
static enum msg_verdict
deliver(unsigned char const *blob2, size_t n, struct addr const *sender,
    uint64_t time, unsigned char const *opk_secret)
{
	static unsigned char buf[BIG], stored[BIG];
	unsigned char id[32];
	size_t room = envelope_prefix_room();
	struct msg_rx m;
	enum msg_verdict v;

	if (room + n > sizeof buf || n + RUNE_STORED_EXTRA > sizeof stored)
		bail("deliver: too large");
	memcpy(buf + room, blob2, n);
	if (!envelope2_make(stored, id, buf, room, n, &a_bob, bob.pk, sender,
	    time, server.sk))
		bail("envelope2_make");
	v = receive(stored, n + RUNE_STORED_EXTRA, &m, opk_secret);
	msg_rx_free(&m);
	return v;
}

static void
one_case(char const *name, int anonymous, int use_opk)
{
	json_t *c = json_object_get(json_object_get(root, "cases"), name);
	static unsigned char blob[BIG], want[BIG], inner[BIG];
	unsigned char e[32], okm[RUNE2_OKM_LEN], k[7][32], ssig[64];
	char payload[256];
	size_t plen, blen, wlen, ilen, slen;
	struct msg2_from from;
	struct msg2_to to;
	struct msg_rx m;
	enum msg_verdict v;

	if (c == NULL)
		bail("no case %s", name);
	plen = vec_text(in, "payload", payload, sizeof payload);
	hexn(in, "e", e, 32);
	from.sender = &a_alice;
	from.sk = alice.sk;
	from.scert = scert;
	from.mode = anonymous ? RUNE2_MODE_ANONYMOUS : RUNE2_MODE_IDENTIFIED;
	from.tkh = anonymous ? tkh : zero;
	to.receiver = &a_bob;
	to.rpk = bob.pk;
	to.spk = SPK;
	to.opk = use_opk ? OPK : zero;

	/* okm from the vector's DH values */
	memcpy(k[0], E, 32);
	if (crypto_sign_ed25519_pk_to_curve25519(k[1], bob.pk) != 0)
		bail("ik");
	memcpy(k[2], SPK, 32);
	memcpy(k[3], to.opk, 32);
	hexn(c, "DH1", k[4], 32);
	hexn(c, "DH2", k[5], 32);
	hexn(c, "DH3", k[6], 32);
	ok(msg2_okm(okm, &a_bob, k), "%s: msg2_okm", name);
	vec_hex_n(c, "okm", want, sizeof want, RUNE2_OKM_LEN);
	is_bytes(okm, sizeof okm, want, RUNE2_OKM_LEN, "%s: okm", name);

	ok(msg2_make(blob, sizeof blob, &blen, (unsigned char *)payload, plen,
	    &from, &to, e), "%s: msg2_make", name);
	if (!vec_hex(c, "blob2", want, sizeof want, &wlen))
		bail("blob2");
	is_bytes(blob, blen, want, wlen, "%s: blob2", name);
	is_u64(blen, padme_blob2_size(plen), "%s: |blob2| = P(n+307)+113",
	    name);

	/* inner2 and ssig2: the vector's ct opened with the vector's okm */
	ok(crypto_aead_xchacha20poly1305_ietf_decrypt(inner, NULL, NULL,
	    want + RUNE2_HEAD_LEN, wlen - RUNE2_HEAD_LEN, want,
	    RUNE2_HEAD_LEN, okm + 32, okm) == 0, "%s: ct opens", name);
	ilen = wlen - RUNE2_BLOB_EXTRA;
	if (!vec_hex(c, "inner2", want, sizeof want, &wlen))
		bail("inner2");
	is_bytes(inner, ilen, want, wlen, "%s: inner2", name);
	if (!vec_hex(c, "ssig2", ssig, sizeof ssig, &slen) || slen != 64)
		bail("ssig2");
	is_bytes(inner + 1, 64, ssig, 64, "%s: ssig2", name);

	/* the server's envelope, then bob's whole path */
	{
		static unsigned char buf[BIG], stored[BIG], env[BIG];
		unsigned char id[32];
		size_t room = envelope_prefix_room();

		memcpy(buf + room, blob, blen);
		ok(envelope2_make(stored, id, buf, room, blen, &a_bob, bob.pk,
		    anonymous ? NULL : &a_alice, env_time, server.sk),
		    "%s: envelope2_make", name);
		ok(seal_open(env, stored, blen + RUNE_STORED_EXTRA, bob.sk),
		    "%s: stored opens", name);
		if (!vec_hex(c, "env2", want, sizeof want, &wlen))
			bail("env2");
		is_bytes(env, blen + RUNE_ENV_HDR, want, wlen, "%s: env2",
		    name);
		if (!vec_hex(c, "vsig2", ssig, sizeof ssig, &slen))
			bail("vsig2");
		is_bytes(env + 1, 64, ssig, 64, "%s: vsig2", name);
	}
	if (!vec_hex(c, "stored", want, sizeof want, &wlen))
		bail("stored");
	v = receive(want, wlen, &m, ot_sk);
	is_str(msg_reason(v), "ok", "%s: the vector's stored opens", name);
	ok(v == MSG_OK && m.version == 2 && m.anonymous == anonymous &&
	    strcmp(m.sender.s, "alice@runedemo") == 0 &&
	    memcmp(m.cert.spk, alice.pk, 32) == 0 &&
	    m.paylen == plen && memcmp(m.payload, payload, plen) == 0 &&
	    m.time == env_time && m.mode == from.mode &&
	    memcmp(m.tkh, from.tkh, 32) == 0,
	    "%s: sender, key, payload, time, mode and tkh", name);
	msg_rx_free(&m);
	if (use_opk) {
		v = receive(want, wlen, &m, NULL);
		is_str(msg_reason(v), "prekey-reuse",
		    "%s: without the one-time secret: prekey-reuse", name);
		msg_rx_free(&m);
	}
}

/* hostile blob2s around the identified_opk message */
static void
hostile(void)
{
	static unsigned char good[BIG], bad[BIG], inner[BIG];
	unsigned char k[7][32], okm[RUNE2_OKM_LEN], e2[32];
	unsigned char ik_secret[32];
	size_t n, ilen;
	int i;
	static unsigned char const order8[32] = {	/* a point of order 8 */
		0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56,
		0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb,
		0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49,
		0xb8, 0x00 };

	if (!vec_hex(json_object_get(json_object_get(root, "cases"),
	    "identified_opk"), "blob2", good, sizeof good, &n))
		bail("blob2");
	is_str(msg_reason(deliver(good, n, &a_alice, env_time, ot_sk)), "ok",
	    "the identified message, re-enveloped, reads");

	memcpy(bad, good, n);
	bad[1 + 31] |= 0x80;
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "ephemeral-bad", "E with the top bit set");
	memcpy(bad, good, n);
	bad[1] = 0xed;
	memset(bad + 2, 0xff, 30);
	bad[32] = 0x7f;
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "ephemeral-bad", "E = p");
	bad[1] = 0xff;
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "ephemeral-bad", "E = 2^255 - 1 (>= p)");
	memcpy(bad, good, n);
	memset(bad + 1, 0, 32);
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "dh-zero", "E = 0 (small order)");
	memcpy(bad, good, n);
	bad[1] = 1;
	memset(bad + 2, 0, 31);
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "dh-zero", "E = 1 (small order)");
	memcpy(bad, good, n);
	memcpy(bad + 1, order8, 32);
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "dh-zero", "E of order 8");
	for (i = 0; i < 3; i++) {
		static size_t const at[3] = { 97, 500, 0 };
		size_t p = at[i] ? at[i] : n - 1;

		memcpy(bad, good, n);
		bad[p] ^= 0x01;
		is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
		    "blob-does-not-open", "ct octet %zu tampered", p);
	}
	memcpy(bad, good, n);
	bad[1 + 32 + 32 + 5] ^= 0x01;
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, NULL)),
	    "prekey-reuse", "an unknown OPK");
	is_str(msg_reason(deliver(good, RUNE2_BLOB_MIN - 1, &a_alice, env_time,
	    ot_sk)), "env-version", "a 0x02 envelope too short for a blob2");
	memcpy(bad, good, n);
	bad[0] = 0x03;
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "blob-does-not-open", "blob2 version 3 (the AEAD covers it)");

	/* mode and sender */
	is_str(msg_reason(deliver(good, n, NULL, env_time, ot_sk)),
	    "mode-mismatch", "identified inner2 in an anonymous envelope");
	is_str(msg_reason(deliver(good, n, &a_bob, env_time, ot_sk)),
	    "sender-mismatch", "envelope names another sender than scert");
	is_str(msg_reason(deliver(good, n, &a_alice, 1765000001ULL, ot_sk)),
	    "scert-expired", "envelope time after scert's not_after");
	{
		json_t *c = json_object_get(json_object_get(root, "cases"),
		    "anonymous_opk");
		size_t an;

		if (!vec_hex(c, "blob2", bad, sizeof bad, &an))
			bail("blob2");
		is_str(msg_reason(deliver(bad, an, &a_alice, env_time, ot_sk)),
		    "mode-mismatch", "anonymous inner2 naming its sender");
		is_str(msg_reason(deliver(bad, an, NULL, env_time, ot_sk)),
		    "ok", "anonymous inner2, anonymous envelope");
	}

	/* A1: whoever holds inner2 re-wraps it under a fresh E */
	memcpy(k[0], good + 1, 32);
	if (crypto_sign_ed25519_pk_to_curve25519(k[1], bob.pk) != 0 ||
	    crypto_sign_ed25519_sk_to_curve25519(ik_secret, bob.sk) != 0)
		bail("ik");
	memcpy(k[2], SPK, 32);
	memcpy(k[3], OPK, 32);
	if (crypto_scalarmult(k[4], ik_secret, k[0]) != 0 ||
	    crypto_scalarmult(k[5], lr_sk, k[0]) != 0 ||
	    crypto_scalarmult(k[6], ot_sk, k[0]) != 0 ||
	    !msg2_okm(okm, &a_bob, k) ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(inner, NULL, NULL,
	    good + 97, n - 97, good, 97, okm + 32, okm) != 0)
		bail("open good");
	ilen = n - RUNE2_BLOB_EXTRA;
	randombytes_buf(e2, sizeof e2);
	if (crypto_scalarmult_base(k[0], e2) != 0 ||
	    crypto_scalarmult(k[4], e2, k[1]) != 0 ||
	    crypto_scalarmult(k[5], e2, SPK) != 0 ||
	    crypto_scalarmult(k[6], e2, OPK) != 0 ||
	    !msg2_okm(okm, &a_bob, k))
		bail("rewrap");
	memcpy(bad, good, 97);
	memcpy(bad + 1, k[0], 32);
	if (crypto_aead_xchacha20poly1305_ietf_encrypt(bad + 97, NULL, inner,
	    ilen, bad, 97, NULL, okm + 32, okm) != 0)
		bail("rewrap encrypt");
	is_str(msg_reason(deliver(bad, n, &a_alice, env_time, ot_sk)),
	    "ssig-bad", "A1: inner2 re-wrapped under a fresh E");
	sodium_memzero(ik_secret, sizeof ik_secret);
}

/* fresh e, every size class; and the largest payload under MAXSIZE */
static void
round_trips(void)
{
	static size_t const sizes[] = { 0, 1, 717, 718, 5000, 70000 };
	struct msg2_from from = { &a_alice, alice.sk, scert,
	    RUNE2_MODE_IDENTIFIED, zero };
	struct msg2_to to = { &a_bob, bob.pk, SPK, OPK };
	unsigned char *p, *blob, *blob2;
	size_t i, blen, blen2;

	p = malloc(70000);
	blob = malloc(80000);
	blob2 = malloc(80000);
	if (p == NULL || blob == NULL || blob2 == NULL)
		bail("out of memory");
	randombytes_buf(p, 70000);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		ok(msg2_make(blob, 80000, &blen, p, sizes[i], &from, &to,
		    NULL) && msg2_make(blob2, 80000, &blen2, p, sizes[i],
		    &from, &to, NULL) && blen == blen2 &&
		    memcmp(blob + 1, blob2 + 1, 32) != 0,
		    "payload %zu: two sends draw two E", sizes[i]);
		is_str(msg_reason(deliver(blob, blen, &a_alice, env_time,
		    ot_sk)), "ok", "payload %zu: reads", sizes[i]);
	}
	ok(!msg2_make(blob, padme_blob2_size(70000) - 1, &blen, p, 70000,
	    &from, &to, NULL), "a blob2 one octet over blobmax is refused");
	ok(padme_blob2_size(10223309) <= RUNE_MAXSIZE_DEFAULT &&
	    padme_blob2_size(10223310) > RUNE_MAXSIZE_DEFAULT,
	    "the largest v2 payload under the default MAXSIZE is 10223309");
	is_u64(padme_blob2_size(0), RUNE2_BLOB_MIN, "the smallest blob2");
	free(p);
	free(blob);
	free(blob2);
}

int
main(void)
{
	if (sodium_init() < 0)
		bail("sodium_init");
	if (setenv("RUNE_VECTORS", "t/data/vectors-v2.json", 1) != 0)
		bail("setenv");
	root = vec_load();
	inputs();
	prekeys();
	certificate();
	token_hash();
	one_case("identified_opk", 0, 1);
	one_case("identified_noopk", 0, 0);
	one_case("anonymous_opk", 1, 1);
	hostile();
	round_trips();
	vec_free();
	return done();
}
