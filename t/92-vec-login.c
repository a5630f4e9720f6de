/* 92-vec-login: the login proof (section 8) against every vector of
 * vectors.json "login", through lib/proof and lib/frame, and hostile
 * proofs. */
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "b64.h"
#include "frame.h"
#include "key.h"
#include "proof.h"
#include "tok.h"
#include "tap.h"
#include "lib/vec.h"

struct kobj {
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
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

static void
one(json_t *o)
{
	char const *nm = vec_name(o), *expect = vec_str(o, "expect");
	struct kobj srv, cli;
	struct addr a;
	struct tok lt[2], rt[3], pt[2];
	unsigned char n[32], rpk[32], sig[64], mine[64], pk[32], dec[100];
	unsigned char signed_[FRAME_LOGIN_MAX + 64], f[FRAME_LOGIN_MAX];
	char want[256], nb[B64_LEN(32)], kt[RUNE_KEY_TEXT_LEN + 1];
	char sb[B64_LEN(64)];
	size_t sl, fl, dl;
	int good = strncmp(expect, "230 ", 4) == 0;

	kobj(o, "server", &srv);
	kobj(o, "client", &cli);
	vec_hex_n(o, "n", n, sizeof n, 32);
	vec_hex_n(o, "registered_pk", rpk, sizeof rpk, 32);
	vec_hex_n(o, "sig", sig, sizeof sig, 64);
	if (!vec_hex(o, "signed", signed_, sizeof signed_, &sl))
		bail("%s: no signed", nm);
	ok(good || strcmp(expect, "412 authentication failed") == 0,
	    "%s: expect known", nm);

	/* LOGIN line to the canonical address */
	vec_split(o, "login_line", lt, 2);
	ok(tok_is(&lt[0], "LOGIN"), "%s: LOGIN verb", nm);
	ok(addr_parse(&a, lt[1].s, lt[1].len), "%s: address parses", nm);
	is_str(a.s, vec_str(o, "address"), "%s: canonical address", nm);

	/* the 220 line */
	b64_encode(nb, n, 32);
	key_fmt(kt, srv.pk);
	snprintf(want, sizeof want, "220 %s %s", nb, kt);
	is_str(vec_str(o, "reply_220"), want, "%s: reply_220", nm);
	vec_split(o, "reply_220", rt, 3);
	ok(b64_decode(dec, sizeof dec, &dl, rt[1].s, rt[1].len) && dl == 32 &&
	    memcmp(dec, n, 32) == 0 && key_parse(pk, rt[2].s, rt[2].len) &&
	    memcmp(pk, srv.pk, 32) == 0, "%s: 220 parses back", nm);

	/* the signed octets: the canonical frame for the good vectors */
	fl = frame_login(f, sizeof f, a.s, a.len, srv.pk, n);
	ok(fl == 12 + 1 + a.len + 1 + 32 + 32, "%s: frame length", nm);
	if (good)
		is_bytes(f, fl, signed_, sl, "%s: signed octets", nm);
	/* sig is the deterministic signature of signed by the client key */
	crypto_sign_detached(mine, NULL, signed_, sl, cli.sk);
	is_bytes(mine, 64, sig, 64, "%s: sig recomputed", nm);

	/* the PROOF line */
	b64_encode(sb, sig, 64);
	snprintf(want, sizeof want, "PROOF %s", sb);
	is_str(vec_str(o, "proof_line"), want, "%s: proof_line", nm);
	vec_split(o, "proof_line", pt, 2);
	ok(tok_is(&pt[0], "PROOF") && b64_decode(dec, sizeof dec, &dl,
	    pt[1].s, pt[1].len) && dl == 64 && memcmp(dec, sig, 64) == 0,
	    "%s: PROOF parses back", nm);

	/* the server's verdict */
	ok(proof_check(dec, dl, &a, srv.pk, n, rpk) == good,
	    "%s: server says %.3s", nm, expect);
	if (good) {
		snprintf(want, sizeof want, "230 logged in %s", a.s);
		is_str(expect, want, "%s: 230 text", nm);
	}

	/* the client's side: proof_make gives the same deterministic sig
	 * for the good vectors, and always a proof the server accepts from
	 * the registered key's holder */
	ok(proof_make(mine, &a, srv.pk, n, cli.sk), "%s: proof_make", nm);
	if (good)
		is_bytes(mine, 64, sig, 64, "%s: proof_make gives sig", nm);
	ok(proof_check(mine, 64, &a, srv.pk, n, cli.pk),
	    "%s: own proof checks with own key", nm);
}

static void
hostile(json_t *o)
{
	struct kobj srv, cli;
	struct addr a, b;
	unsigned char n[32], sig[65];
	size_t i;
	int all;

	kobj(o, "server", &srv);
	kobj(o, "client", &cli);
	randombytes_buf(n, sizeof n);
	if (!addr_parse(&a, "alice@runedemo", 14) ||
	    !addr_parse(&b, "bob@runedemo", 12))
		bail("addr_parse");
	ok(proof_make(sig, &a, srv.pk, n, cli.sk), "hostile: proof_make");
	ok(proof_check(sig, 64, &a, srv.pk, n, cli.pk), "hostile: checks");
	for (all = 1, i = 0; i < 64; i++)
		all &= !proof_check(sig, i, &a, srv.pk, n, cli.pk);
	ok(all, "hostile: truncated proofs (0..63 octets) fail");
	sig[64] = 0;
	ok(!proof_check(sig, 65, &a, srv.pk, n, cli.pk),
	    "hostile: 65 octets fail");
	for (all = 1, i = 0; i < 64; i++) {
		sig[i] ^= 0x80;
		all &= !proof_check(sig, 64, &a, srv.pk, n, cli.pk);
		sig[i] ^= 0x80;
	}
	ok(all, "hostile: every flipped octet fails");
	ok(!proof_check(sig, 64, &b, srv.pk, n, cli.pk),
	    "hostile: other address fails");
	ok(!proof_check(sig, 64, &a, cli.pk, n, cli.pk),
	    "hostile: other server key fails");
	n[31] ^= 1;
	ok(!proof_check(sig, 64, &a, srv.pk, n, cli.pk),
	    "hostile: other nonce fails");
	n[31] ^= 1;
	ok(!proof_check(sig, 64, &a, srv.pk, n, srv.pk),
	    "hostile: other registered key fails");
	memset(sig, 0, 64);
	ok(!proof_check(sig, 64, &a, srv.pk, n, cli.pk),
	    "hostile: zero signature fails");
}

int
main(void)
{
	json_t *v;
	size_t i;

	if (sodium_init() < 0)
		bail("sodium_init");
	v = vec_array("login");
	for (i = 0; i < json_array_size(v); i++)
		one(vec_at(v, i));
	hostile(vec_at(v, 0));
	vec_free();
	return done();
}
