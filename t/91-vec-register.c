/* 91-vec-register: the registration challenge (7.3) against every vector
 * of vectors.json "register_challenge", through lib/chal and lib/frame,
 * both sides, and hostile answers. */
#include <string.h>

#include <sodium.h>

#include "addr.h"
#include "b64.h"
#include "chal.h"
#include "frame.h"
#include "key.h"
#include "seal.h"
#include "tok.h"
#include "tap.h"
#include "lib/vec.h"

struct kobj {
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN];
	unsigned char xpk[32], xsk[32];
};

static void
kobj(json_t *o, char const *field, struct kobj *k)
{
	json_t *ko = json_object_get(o, field);
	unsigned char x[32];
	size_t n;

	if (ko == NULL || !vec_hex(ko, "pk", k->pk, sizeof k->pk, &n) ||
	    n != 32 || !vec_hex(ko, "sk", k->sk, sizeof k->sk, &n) ||
	    n != 64 || !vec_hex(ko, "x25519_pk", k->xpk, 32, &n) ||
	    n != 32 || !vec_hex(ko, "x25519_sk", k->xsk, 32, &n) || n != 32)
		bail("%s: bad key object %s", vec_name(o), field);
	ok(crypto_sign_ed25519_sk_to_curve25519(x, k->sk) == 0 &&
	    memcmp(x, k->xsk, 32) == 0 &&
	    crypto_sign_ed25519_pk_to_curve25519(x, k->pk) == 0 &&
	    memcmp(x, k->xpk, 32) == 0, "%s: %s x25519 keys", vec_name(o),
	    field);
}

static void
one(json_t *o)
{
	char const *nm = vec_name(o), *expect = vec_str(o, "expect");
	char const *address = vec_str(o, "address");
	struct kobj srv, cli;
	struct addr a;
	struct tok reg[3], rep[3], acc[2];
	struct chal ch;
	unsigned char r[32], c[80], s[64], sig[64], f[FRAME_REGISTER_MAX];
	unsigned char signed_[FRAME_REGISTER_MAX], x[80], ans[80], pk[32];
	unsigned char aseal[80], dec[200];
	char text[CHAL_TEXT_MAX], want[512], kt[RUNE_KEY_TEXT_LEN + 1];
	size_t sl, fl, n;
	int rejects = strcmp(expect, "client rejects") == 0;
	int accepts = strncmp(expect, "210 ", 4) == 0;

	kobj(o, "server", &srv);
	kobj(o, "client", &cli);
	vec_hex_n(o, "r", r, sizeof r, 32);
	vec_hex_n(o, "c", c, sizeof c, 80);
	vec_hex_n(o, "s", s, sizeof s, 64);
	vec_hex_n(o, "accept_seal", aseal, sizeof aseal, 80);
	if (!vec_hex(o, "signed", signed_, sizeof signed_, &sl))
		bail("%s: no signed", nm);
	ok(rejects || accepts || strcmp(expect,
	    "410 registration challenge failed") == 0, "%s: expect known", nm);

	/* the REGISTER line: canonical address and client key */
	vec_split(o, "register_line", reg, 3);
	ok(tok_is(&reg[0], "REGISTER"), "%s: REGISTER verb", nm);
	ok(addr_parse(&a, reg[1].s, reg[1].len), "%s: address parses", nm);
	is_str(a.s, address, "%s: canonical address", nm);
	ok(key_parse(pk, reg[2].s, reg[2].len) &&
	    memcmp(pk, cli.pk, 32) == 0, "%s: client key text", nm);

	/* c opens with the client's key to r (never compare seals) */
	ok(crypto_box_seal_open(x, c, 80, cli.xpk, cli.xsk) == 0 &&
	    memcmp(x, r, 32) == 0, "%s: c opens (x25519) to r", nm);
	memset(x, 0, sizeof x);
	ok(seal_open(x, c, 80, cli.sk) && memcmp(x, r, 32) == 0,
	    "%s: c opens (seal_open) to r", nm);

	/* the signed octets and s, recomputed */
	fl = frame_register(f, sizeof f, a.s, a.len, cli.pk, c);
	is_bytes(f, fl, signed_, sl, "%s: signed octets", nm);
	crypto_sign_detached(sig, NULL, f, fl, srv.sk);
	ok((memcmp(sig, s, 64) == 0) == !rejects,
	    "%s: s %s the server's signature", nm, rejects ? "is not" : "is");

	/* the server's side: chal_make with the vector's r */
	ok(chal_make(&ch, r, &a, cli.pk, srv.sk), "%s: chal_make", nm);
	ok(seal_open(x, ch.cs, 80, cli.sk) && memcmp(x, r, 32) == 0,
	    "%s: our c opens to r", nm);
	fl = frame_register(f, sizeof f, a.s, a.len, cli.pk, ch.cs);
	ok(crypto_sign_verify_detached(ch.cs + 80, f, fl, srv.pk) == 0,
	    "%s: our s verifies", nm);
	n = chal_text(text, &ch);
	ok(n == strlen(text) && b64_decode(dec, sizeof dec, &sl, text, n) &&
	    sl == CHAL_CS_LEN && memcmp(dec, ch.cs, sl) == 0,
	    "%s: chal_text is b64(c || s)", nm);
	/* the 205 line, with the vector's c in place of our randomized one */
	memcpy(ch.cs, c, 80);
	memcpy(ch.cs + 80, sig, 64);
	chal_text(text, &ch);
	key_fmt(kt, srv.pk);
	snprintf(want, sizeof want, "205 %s %s", text, kt);
	if (!rejects)
		is_str(vec_str(o, "reply_205"), want, "%s: reply_205", nm);

	/* the client's side: answer the 205 with the pinned server key */
	vec_split(o, "reply_205", rep, 3);
	ok(tok_is(&rep[0], "205"), "%s: 205", nm);
	ok(b64_decode(dec, sizeof dec, &n, rep[1].s, rep[1].len) &&
	    n == 144 && memcmp(dec, c, 80) == 0 &&
	    memcmp(dec + 80, s, 64) == 0, "%s: 205 carries c || s", nm);
	memset(ans, 0, sizeof ans);
	n = chal_answer(ans, rep[1].s, rep[1].len, rep[2].s, rep[2].len, &a,
	    cli.pk, cli.sk, srv.pk);
	ok(n == (size_t)!rejects, "%s: client %s", nm,
	    rejects ? "rejects" : "answers");
	if (!rejects)
		ok(seal_open(x, ans, 80, srv.sk) && memcmp(x, r, 32) == 0,
		    "%s: the answer opens with the server key to r", nm);
	/* the same 205 naming the pinned key: s must still be checked */
	if (rejects)
		ok(!chal_answer(ans, rep[1].s, rep[1].len, kt, strlen(kt), &a,
		    cli.pk, cli.sk, srv.pk),
		    "%s: client rejects s under the pinned key text", nm);

	/* the server's verdict on the vector's answer */
	vec_split(o, "accept_line", acc, 2);
	ok(tok_is(&acc[0], "CHALLANGE_ACCEPTED") ||
	    tok_is(&acc[0], "CHALLENGE_ACCEPTED"), "%s: answer verb", nm);
	ok(b64_decode(dec, sizeof dec, &n, acc[1].s, acc[1].len) && n == 80 &&
	    memcmp(dec, aseal, 80) == 0, "%s: accept_line carries seal", nm);
	memcpy(ch.r, r, 32);
	if (!rejects) {
		ok(chal_check(&ch, dec, n, srv.sk) == accepts,
		    "%s: server says %.3s", nm, expect);
		snprintf(want, sizeof want, "210 registered %s", a.s);
		if (accepts)
			is_str(expect, want, "%s: 210 text", nm);
		/* and our own answer is accepted */
		chal_answer(ans, rep[1].s, rep[1].len, rep[2].s, rep[2].len,
		    &a, cli.pk, cli.sk, srv.pk);
		ok(chal_check(&ch, ans, 80, srv.sk), "%s: our answer passes",
		    nm);
	}
	chal_wipe(&ch);
	ok(sodium_is_zero(ch.r, 32), "%s: chal_wipe", nm);
}

/* hostile answers and challenges, from the first vector */
static void
hostile(json_t *o)
{
	struct kobj srv, cli;
	struct addr a;
	struct chal ch;
	unsigned char r[32], ans[80], bad[81], x[80];
	char text[CHAL_TEXT_MAX], kt[RUNE_KEY_TEXT_LEN + 1];
	size_t len, i;
	int all;

	kobj(o, "server", &srv);
	kobj(o, "client", &cli);
	if (!addr_parse(&a, "alice@runedemo", 14))
		bail("addr_parse");
	randombytes_buf(r, sizeof r);
	ok(chal_make(&ch, r, &a, cli.pk, srv.sk), "hostile: chal_make");
	len = chal_text(text, &ch);
	key_fmt(kt, srv.pk);
	ok(chal_answer(ans, text, len, kt, strlen(kt), &a, cli.pk, cli.sk,
	    srv.pk), "hostile: answer");
	ok(chal_check(&ch, ans, 80, srv.sk), "hostile: answer passes");
	for (all = 1, i = 0; i < 80; i++)
		all &= !chal_check(&ch, ans, i, srv.sk);
	ok(all, "hostile: truncated answers (0..79 octets) fail");
	memcpy(bad, ans, 80);
	bad[80] = 0;
	ok(!chal_check(&ch, bad, 81, srv.sk), "hostile: 81 octets fail");
	for (all = 1, i = 0; i < 80; i++) {
		memcpy(bad, ans, 80);
		bad[i] ^= 0x01;
		all &= !chal_check(&ch, bad, 80, srv.sk);
	}
	ok(all, "hostile: every flipped octet fails");
	/* a seal of 32 octets other than r */
	r[0] ^= 1;
	ok(seal_to(bad, r, 32, srv.pk) && !chal_check(&ch, bad, 80, srv.sk),
	    "hostile: other r fails");
	/* the client: truncated and altered challenge texts */
	for (all = 1, i = 0; i < len; i++)
		all &= !chal_answer(ans, text, i, kt, strlen(kt), &a, cli.pk,
		    cli.sk, srv.pk);
	ok(all, "hostile: truncated challenge texts are refused");
	for (all = 1, i = 0; i < RUNE_KEY_TEXT_LEN; i++)
		all &= !chal_answer(ans, text, len, kt, i, &a, cli.pk,
		    cli.sk, srv.pk);
	ok(all, "hostile: truncated key texts are refused");
	text[10] = text[10] == 'A' ? 'B' : 'A';
	ok(!chal_answer(ans, text, len, kt, strlen(kt), &a, cli.pk, cli.sk,
	    srv.pk), "hostile: altered challenge is refused");
	if (!addr_parse(&a, "bob@runedemo", 12))
		bail("addr_parse");
	text[10] = text[10] == 'A' ? 'B' : 'A';
	ok(!chal_answer(ans, text, len, kt, strlen(kt), &a, cli.pk, cli.sk,
	    srv.pk), "hostile: challenge for another address is refused");
	chal_wipe(&ch);
	/* seal_open on every length shorter than a seal */
	for (all = 1, i = 0; i < RUNE_SEAL_LEN; i++)
		all &= !seal_open(x, ans, i, srv.sk);
	ok(all, "hostile: seal_open of 0..47 octets fails");
	ok(seal_to(bad, (unsigned char const *)"", 0, srv.pk) &&
	    seal_open(x, bad, RUNE_SEAL_LEN, srv.sk),
	    "hostile: an empty seal opens");
	memset(x, 0, 32);
	ok(!seal_to(bad, r, 32, x), "hostile: seal to a zero key fails");
}

int
main(void)
{
	json_t *v;
	size_t i;

	if (sodium_init() < 0)
		bail("sodium_init");
	v = vec_array("register_challenge");
	for (i = 0; i < json_array_size(v); i++)
		one(vec_at(v, i));
	hostile(vec_at(v, 0));
	vec_free();
	return done();
}
