/* 04-lib-key: public key texts (13.2) against every vector of
 * vectors.json "pubkey_text", and hostile cases. */
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

int
main(void)
{
	if (sodium_init() < 0)
		bail("sodium_init");
	vectors();
	hostile();
	vec_free();
	return done();
}
