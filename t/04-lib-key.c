/* 04-lib-key: public key texts (13.2) against every vector of
 * vectors.json "pubkey_text", hostile cases, every octet 0x80-0xff in
 * every position, and round trips over many random keys. */
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "key.h"
#include "tap.h"
#include "lib/vec.h"

static void
vectors(void)
{
	json_t *a = vec_array("pubkey_text");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		char text[512], fmt[RUNE_KEY_TEXT_LEN + 1];
		unsigned char pk[RUNE_PK_LEN], want[RUNE_PK_LEN];
		unsigned char pt[RUNE_PK_LEN], dec[64];
		size_t n = vec_text(o, "text", text, sizeof text), wl, pl, dl;
		int valid = vec_bool(o, "valid");
		int r;

		memset(pk, 0xaa, sizeof pk);
		r = key_parse(pk, text, n);
		ok(r == valid, "key %s: %s", vec_name(o),
		    valid ? "valid" : "invalid");
		if (!valid) {
			ok(pk[0] == 0xaa && pk[31] == 0xaa,
			    "key %s: pk untouched", vec_name(o));
		} else {
			if (!vec_hex(o, "pk", want, sizeof want, &wl))
				bail("key %s: no pk", vec_name(o));
			is_bytes(pk, sizeof pk, want, wl, "key %s: pk",
			    vec_name(o));
			is_u64(key_fmt(fmt, want), RUNE_KEY_TEXT_LEN,
			    "key %s: text length", vec_name(o));
			is_str(fmt, text, "key %s: formats back", vec_name(o));
		}
		/* "point": the 32 octets the text decodes to, valid or not;
		 * the refusal must then come from the point check */
		if (vec_has(o, "point")) {
			if (!vec_hex(o, "point", pt, sizeof pt, &pl))
				bail("key %s: bad point", vec_name(o));
			ok(n > RUNE_KEY_PREFIX_LEN && b64_decode(dec,
			    sizeof dec, &dl, text + RUNE_KEY_PREFIX_LEN,
			    n - RUNE_KEY_PREFIX_LEN) && dl == pl &&
			    memcmp(dec, pt, pl) == 0,
			    "key %s: decodes to point", vec_name(o));
			ok(crypto_core_ed25519_is_valid_point(pt) == valid,
			    "key %s: is_valid_point agrees", vec_name(o));
		}
	}
}

static void
hostile(void)
{
	static char const alice[] =
	    "ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=";
	unsigned char pk[RUNE_PK_LEN];
	char buf[128];

	ok(key_parse(pk, alice, RUNE_KEY_TEXT_LEN), "alice parses");
	ok(!key_parse(pk, "", 0), "length 0");
	ok(!key_parse(pk, alice, 0), "length 0 of a real text");
	ok(!key_parse(pk, alice, RUNE_KEY_PREFIX_LEN), "prefix only");
	ok(!key_parse(pk, alice, 7), "part of the prefix");
	ok(!key_parse(pk, alice, RUNE_KEY_TEXT_LEN - 1),
	    "max-1: last character missing");
	memcpy(buf, alice, RUNE_KEY_TEXT_LEN);
	buf[RUNE_KEY_TEXT_LEN] = 'A';
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN + 1), "max+1: junk after");
	buf[RUNE_KEY_TEXT_LEN] = '\0';
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN + 1), "max+1: NUL after");
	buf[RUNE_KEY_TEXT_LEN] = ' ';
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN + 1), "max+1: space after");
	memcpy(buf, alice, RUNE_KEY_TEXT_LEN);
	buf[20] = '\0';
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN), "embedded NUL");
	memcpy(buf, alice, RUNE_KEY_TEXT_LEN);
	buf[3] = '\0';
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN), "NUL in the prefix");
	memcpy(buf, alice, RUNE_KEY_TEXT_LEN);
	buf[RUNE_KEY_TEXT_LEN - 2] = 'd';	/* ...Wbdd=: pad bits */
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN), "bad padding bits");
	memcpy(buf, alice, RUNE_KEY_TEXT_LEN);
	buf[RUNE_KEY_TEXT_LEN - 1] = 'A';	/* no '=': 33 octets' worth */
	ok(!key_parse(pk, buf, RUNE_KEY_TEXT_LEN), "padding replaced");
}

/* a key text with any octet 0x80-0xff in any position is refused (13.3),
 * and pk stays untouched */
static void
high_octets(void)
{
	static char const alice[] =
	    "ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=";
	unsigned char pk[RUNE_PK_LEN];
	char buf[RUNE_KEY_TEXT_LEN];
	size_t pos, bad = 0, firstpos = 0;
	unsigned c, firstc = 0;

	for (pos = 0; pos < RUNE_KEY_TEXT_LEN; pos++)
		for (c = 0x80; c <= 0xff; c++) {
			memcpy(buf, alice, sizeof buf);
			buf[pos] = (char)c;
			memset(pk, 0xaa, sizeof pk);
			if (key_parse(pk, buf, sizeof buf) || pk[0] != 0xaa) {
				if (bad++ == 0)
					firstc = c, firstpos = pos;
			}
		}
	ok(bad == 0, "each of the 128 high octets in each of the %d "
	    "positions of a key text is refused", RUNE_KEY_TEXT_LEN);
	if (bad)
		diag("%zu accepted, the first 0x%02x at %zu", bad, firstc,
		    firstpos);
	/* alice's text ends "...Wbdc=": '/' is 0x2f, the octet libsodium
	 * 1.0.18 takes 0xff for */
	memcpy(buf, alice, sizeof buf);
	buf[RUNE_KEY_PREFIX_LEN + 28] = (char)0xff;	/* its only '/' */
	ok(alice[RUNE_KEY_PREFIX_LEN + 28] == '/' &&
	    !key_parse(pk, buf, sizeof buf), "0xff in place of a '/'");
}

/* random keys format and parse back; a text with one octet replaced that
 * still parses formats back to itself */
static void
round_trips(void)
{
	unsigned char pk[RUNE_PK_LEN], sk[RUNE_SK_LEN], got[RUNE_PK_LEN];
	char text[RUNE_KEY_TEXT_LEN + 1], again[RUNE_KEY_TEXT_LEN + 1];
	long bad = 0, mbad = 0, i;
	size_t j;

	for (i = 0; i < 3000; i++) {
		if (crypto_sign_keypair(pk, sk) != 0)
			bail("crypto_sign_keypair");
		key_fmt(text, pk);
		if (!key_parse(got, text, RUNE_KEY_TEXT_LEN) ||
		    memcmp(got, pk, sizeof pk) != 0)
			bad++;
		j = randombytes_uniform(RUNE_KEY_TEXT_LEN);
		text[j] = (char)randombytes_uniform(256);
		if (key_parse(got, text, RUNE_KEY_TEXT_LEN) &&
		    (key_fmt(again, got) != RUNE_KEY_TEXT_LEN ||
		    memcmp(again, text, RUNE_KEY_TEXT_LEN) != 0))
			mbad++;
	}
	sodium_memzero(sk, sizeof sk);
	ok(bad == 0, "3000 random keys: key_parse(key_fmt(pk)) == pk "
	    "(%ld failed)", bad);
	ok(mbad == 0, "3000 key texts with one octet replaced: each that "
	    "parses formats back to itself (%ld failed)", mbad);
}

int
main(void)
{
	if (sodium_init() < 0)
		bail("sodium_init");
	vectors();
	hostile();
	high_octets();
	round_trips();
	vec_free();
	return done();
}
