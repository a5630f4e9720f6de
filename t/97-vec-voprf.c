/* 97-vec-voprf: the VOPRF (lib/voprf.c) against RFC 9497's
 * ristretto255-SHA512 VOPRF vectors (t/data/voprf-ristretto255-sha512.json:
 * DeriveKeyPair, Blind, BlindEvaluate with its proof, VerifyProof,
 * Finalize, single and batch), the strict decoding voprf-notes asks for,
 * and RUNE's token flow (x, B, Z, proofs, N, y, the REDEEM mac, the token
 * key's signature) against t/data/vectors-v2.json. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "token.h"
#include "voprf.h"
#include "tap.h"
#include "lib/vec.h"

#define MAXN 4

/* the i-th comma-separated hex value of field f into out[max] */
static size_t
nth_hex(json_t *o, char const *f, size_t i, unsigned char *out, size_t max)
{
	char const *s = vec_str(o, f), *end;
	size_t k, len;

	if (s == NULL)
		bail("no %s", f);
	for (k = 0; k < i; k++) {
		s = strchr(s, ',');
		if (s == NULL)
			bail("%s has no item %zu", f, i);
		s++;
	}
	end = strchr(s, ',');
	if (end == NULL)
		end = s + strlen(s);
	if (sodium_hex2bin(out, max, s, (size_t)(end - s), NULL, &len,
	    NULL) != 0)
		bail("bad hex in %s", f);
	return len;
}

static void
hex(json_t *o, char const *f, unsigned char *b, size_t n)
{
	vec_hex_n(o, f, b, n, n);
}

static unsigned char sk[32], pk[32];

static void
rfc(void)
{
	json_t *root, *vs, *v, *pr;
	unsigned char seed[32], info[64], want[64], r[32], rp[32];
	unsigned char B[MAXN][32], Z[MAXN][32], x[MAXN][64], proof[64];
	unsigned char y[64];
	size_t infolen, xlen[MAXN], n, i, k;

	if (setenv("RUNE_VECTORS", "t/data/voprf-ristretto255-sha512.json",
	    1) != 0)
		bail("setenv");
	root = vec_load();
	hex(root, "seed", seed, 32);
	if (!vec_hex(root, "keyInfo", info, sizeof info, &infolen))
		bail("keyInfo");
	ok(voprf_derive_key(sk, pk, seed, info, infolen), "DeriveKeyPair");
	hex(root, "skSm", want, 32);
	is_bytes(sk, 32, want, 32, "skSm");
	hex(root, "pkSm", want, 32);
	is_bytes(pk, 32, want, 32, "pkSm");
	vs = json_object_get(root, "vectors");
	for (k = 0; k < json_array_size(vs); k++) {
		v = json_array_get(vs, k);
		n = (size_t)vec_int(v, "Batch");
		if (n == 0 || n > MAXN)
			bail("batch");
		for (i = 0; i < n; i++) {
			xlen[i] = nth_hex(v, "Input", i, x[i], sizeof x[i]);
			nth_hex(v, "Blind", i, r, 32);
			ok(voprf_blind(B[i], r, x[i], xlen[i]),
			    "vector %zu input %zu: Blind", k, i);
			nth_hex(v, "BlindedElement", i, want, 32);
			is_bytes(B[i], 32, want, 32,
			    "vector %zu input %zu: BlindedElement", k, i);
		}
		pr = json_object_get(v, "Proof");
		hex(pr, "r", rp, 32);
		ok(voprf_blind_evaluate(Z, proof, sk, pk,
		    (unsigned char const (*)[32])B, n, rp),
		    "vector %zu: BlindEvaluate", k);
		for (i = 0; i < n; i++) {
			nth_hex(v, "EvaluationElement", i, want, 32);
			is_bytes(Z[i], 32, want, 32,
			    "vector %zu input %zu: EvaluationElement", k, i);
		}
		hex(pr, "proof", want, 64);
		is_bytes(proof, 64, want, 64, "vector %zu: proof", k);
		ok(voprf_verify(pk, (unsigned char const (*)[32])B,
		    (unsigned char const (*)[32])Z, n, proof),
		    "vector %zu: VerifyProof", k);
		for (i = 0; i < n; i++) {
			nth_hex(v, "Blind", i, r, 32);
			nth_hex(v, "Output", i, want, 64);
			ok(voprf_finalize(y, NULL, x[i], xlen[i], r, Z[i]) &&
			    memcmp(y, want, 64) == 0,
			    "vector %zu input %zu: Finalize", k, i);
			ok(voprf_evaluate(y, sk, x[i], xlen[i]) &&
			    memcmp(y, want, 64) == 0,
			    "vector %zu input %zu: the server's Evaluate", k, i);
		}
	}
	vec_free();
}

/* voprf-notes: what libsodium 1.0.18 leaves to us */
static void
strict(void)
{
	static unsigned char const L[32] = {
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c,
		0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0x10 };
	unsigned char e[32], s[32], B[2][32], Z[2][32], proof[64], bad[64];
	unsigned char r[32], y[64], zero[32] = { 0 };
	unsigned char const x[] = "some input";
	int i;

	ok(!voprf_element_ok(zero), "the identity is refused");
	memcpy(e, pk, 32);
	ok(voprf_element_ok(e), "pkSm is a valid element");
	e[31] |= 0x80;
	ok(!voprf_element_ok(e), "the top bit set is refused");
	memset(e, 0xff, 32);
	e[31] = 0x7f;
	ok(!voprf_element_ok(e), "a non-canonical encoding is refused");
	ok(!voprf_scalar_ok(L), "L is not a scalar");
	memcpy(s, L, 32);
	s[0]--;
	ok(voprf_scalar_ok(s), "L - 1 is");
	ok(voprf_scalar_ok(zero), "zero is (RFC 9497 DeserializeScalar)");
	memset(s, 0xff, 32);
	ok(!voprf_scalar_ok(s), "2^256 - 1 is not");

	voprf_random_scalar(r);
	ok(voprf_blind(B[0], r, x, sizeof x - 1), "Blind");
	voprf_random_scalar(r);
	ok(voprf_blind(B[1], r, x, 3), "Blind a second input");
	ok(!voprf_blind(e, zero, x, sizeof x - 1), "Blind with r = 0 fails");
	ok(voprf_blind_evaluate(Z, proof, sk, pk,
	    (unsigned char const (*)[32])B, 2, NULL), "BlindEvaluate, batch 2");
	ok(voprf_verify(pk, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, proof), "its proof holds");
	{
		unsigned char p2[64];

		ok(voprf_blind_evaluate(Z, p2, sk, pk,
		    (unsigned char const (*)[32])B, 2, NULL) &&
		    memcmp(p2, proof, 64) != 0,
		    "a second evaluation draws a fresh r (A3)");
		memcpy(proof, p2, 64);
	}
	/* s + L: the same scalar mod L, refused as non-canonical */
	memcpy(bad, proof, 64);
	{
		unsigned int c = 0;

		for (i = 0; i < 32; i++) {
			c += bad[32 + i] + L[i];
			bad[32 + i] = (unsigned char)c;
			c >>= 8;
		}
	}
	ok(!voprf_verify(pk, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, bad), "s + L is refused");
	for (i = 0; i < 64; i += 7) {
		memcpy(bad, proof, 64);
		bad[i] ^= 1;
		if (voprf_verify(pk, (unsigned char const (*)[32])B,
		    (unsigned char const (*)[32])Z, 2, bad))
			break;
	}
	ok(i >= 64, "a flipped proof octet fails");
	memcpy(e, Z[0], 32);
	memcpy(Z[0], Z[1], 32);
	memcpy(Z[1], e, 32);
	ok(!voprf_verify(pk, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, proof),
	    "Z in another order fails");
	memcpy(Z[1], Z[0], 32);
	memcpy(Z[0], e, 32);
	ok(!voprf_verify(B[0], (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, proof),
	    "another key fails");
	memcpy(e, Z[0], 32);
	memset(Z[0], 0, 32);
	ok(!voprf_verify(pk, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, proof),
	    "an identity Z fails");
	ok(!voprf_verify(pk, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 0, proof), "a batch of 0 fails");
	ok(!voprf_finalize(y, NULL, x, 3, r, zero),
	    "Finalize of the identity fails");
	ok(!voprf_finalize(y, NULL, x, 3, zero, e),
	    "Finalize with r = 0 fails");
}

static void
rune_tokens(void)
{
	json_t *root, *in, *ti, *tv;
	unsigned char skT[32], pkT[32], want[64], t1[32], t2[32], r1[32];
	unsigned char r2[32], rp[32], x[2][FRAME2_TOKEN_INPUT_MAX];
	unsigned char B[2][32], Z[2][32], proof[64], y[64], N[32], mac[32];
	unsigned char seed[32], spk[32], ssk[64], ksig[64];
	size_t xl[2];
	struct addr bob;
	char const *domain;
	uint64_t epoch;

	if (setenv("RUNE_VECTORS", "t/data/vectors-v2.json", 1) != 0)
		bail("setenv");
	root = vec_load();
	in = json_object_get(root, "inputs");
	ti = json_object_get(in, "token");
	tv = json_object_get(root, "token");
	domain = vec_str(in, "domain");
	epoch = (uint64_t)vec_int(ti, "epoch");
	hex(ti, "skT", skT, 32);
	hex(ti, "t1", t1, 32);
	hex(ti, "t2", t2, 32);
	hex(ti, "blind1", r1, 32);
	hex(ti, "blind2", r2, 32);
	hex(ti, "proof_random_scalar", rp, 32);
	if (!addr_parse(&bob, vec_str(ti, "redeem_receiver"),
	    strlen(vec_str(ti, "redeem_receiver"))))
		bail("receiver");
	ok(crypto_scalarmult_ristretto255_base(pkT, skT) == 0, "pkT");
	hex(tv, "pkT", want, 32);
	is_bytes(pkT, 32, want, 32, "pkT = skT G");
	xl[0] = token_input(x[0], domain, epoch, t1);
	xl[1] = token_input(x[1], domain, epoch, t2);
	if (!vec_hex(tv, "x1", want, sizeof want, &xl[0]) || xl[0] != 62)
		bail("x1");
	is_bytes(x[0], token_input(x[0], domain, epoch, t1), want, 62, "x1");
	hex(tv, "x2", want, 62);
	is_bytes(x[1], xl[1], want, 62, "x2");
	ok(voprf_blind(B[0], r1, x[0], xl[0]) &&
	    voprf_blind(B[1], r2, x[1], xl[1]), "Blind both");
	hex(tv, "B1", want, 32);
	is_bytes(B[0], 32, want, 32, "B1");
	hex(tv, "B2", want, 32);
	is_bytes(B[1], 32, want, 32, "B2");
	ok(voprf_blind_evaluate(Z, proof, skT, pkT,
	    (unsigned char const (*)[32])B, 2, rp), "TOKENS: batch of 2");
	hex(tv, "Z1", want, 32);
	is_bytes(Z[0], 32, want, 32, "Z1");
	hex(tv, "Z2", want, 32);
	is_bytes(Z[1], 32, want, 32, "Z2");
	hex(tv, "proof_batch2", want, 64);
	is_bytes(proof, 64, want, 64, "proof of the batch of 2");
	ok(voprf_verify(pkT, (unsigned char const (*)[32])B,
	    (unsigned char const (*)[32])Z, 2, proof), "it verifies");
	ok(voprf_blind_evaluate(Z, proof, skT, pkT,
	    (unsigned char const (*)[32])B, 1, rp), "TOKENS: batch of 1");
	hex(tv, "proof_batch1", want, 64);
	is_bytes(proof, 64, want, 64, "proof of the batch of 1");
	ok(voprf_blind_evaluate(Z, proof, skT, pkT,
	    (unsigned char const (*)[32])B, 2, rp), "again, batch of 2");
	ok(voprf_finalize(y, N, x[0], xl[0], r1, Z[0]), "Finalize 1");
	hex(tv, "N1", want, 32);
	is_bytes(N, 32, want, 32, "N1");
	hex(tv, "y1", want, 64);
	is_bytes(y, 64, want, 64, "y1");
	ok(token_mac(mac, y, domain, &bob, epoch, t1), "token_mac");
	hex(tv, "mac1_bob", want, 32);
	is_bytes(mac, 32, want, 32, "the REDEEM mac for bob");
	ok(token_mac_check(mac, skT, domain, &bob, epoch, t1),
	    "the server accepts it");
	ok(!token_mac_check(mac, skT, domain, &bob, epoch + 1, t1),
	    "not under another epoch");
	ok(!token_mac_check(mac, skT, domain, &bob, epoch, t2),
	    "not for another t");
	{
		struct addr carol;

		if (!addr_parse(&carol, "carol@runedemo", 14))
			bail("carol");
		ok(!token_mac_check(mac, skT, domain, &carol, epoch, t1),
		    "not for another receiver");
	}
	ok(voprf_finalize(y, N, x[1], xl[1], r2, Z[1]), "Finalize 2");
	hex(tv, "N2", want, 32);
	is_bytes(N, 32, want, 32, "N2");
	hex(tv, "y2", want, 64);
	is_bytes(y, 64, want, 64, "y2");
	hex(in, "server_seed", seed, 32);
	if (crypto_sign_seed_keypair(spk, ssk, seed) != 0)
		bail("server key");
	ok(token_key_sign(ksig, domain, epoch, pkT, ssk), "token_key_sign");
	hex(root, "tokenkey_ksig", want, 64);
	is_bytes(ksig, 64, want, 64, "ksig");
	ok(token_key_verify(ksig, domain, epoch, pkT, spk), "ksig verifies");
	ok(!token_key_verify(ksig, domain, epoch - 1, pkT, spk),
	    "not for another epoch");
	vec_free();
}

int
main(void)
{
	if (sodium_init() < 0)
		bail("sodium_init");
	rfc();
	strict();
	rune_tokens();
	return done();
}
