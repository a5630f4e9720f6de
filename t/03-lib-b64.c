/* 03-lib-b64: strict base64 (13.3) against every vector of vectors.json
 * "b64", hostile cases, every octet 0x80-0xff in every position, and the
 * round trips over many random inputs. */
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "tap.h"
#include "lib/vec.h"

#define BIG 4096

static void
vectors(void)
{
	json_t *a = vec_array("b64");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		static char text[BIG], enc[B64_LEN(BIG)];
		static unsigned char out[BIG], want[BIG];
		size_t n = vec_text(o, "text", text, sizeof text);
		size_t ol = 9999, wl;
		int valid = vec_bool(o, "valid");
		int r = b64_decode(out, sizeof out, &ol, text, n);

		ok(r == valid, "b64 %s: %s", vec_name(o),
		    valid ? "valid" : "invalid");
		if (!valid) {
			ok(ol == 9999, "b64 %s: *outlen untouched",
			    vec_name(o));
			continue;
		}
		if (!vec_hex(o, "bytes", want, sizeof want, &wl))
			bail("b64 %s: no bytes", vec_name(o));
		is_bytes(out, r ? ol : 0, want, wl, "b64 %s: bytes",
		    vec_name(o));
		is_u64(b64_encode(enc, want, wl), n, "b64 %s: encoded length",
		    vec_name(o));
		is_str(enc, text, "b64 %s: encodes back", vec_name(o));
		/* exactly as much room as needed is enough; one less is not */
		ok(b64_decode(out, wl, &ol, text, n) && ol == wl,
		    "b64 %s: decodes into exactly %zu octets", vec_name(o), wl);
		if (wl > 0)
			ok(!b64_decode(out, wl - 1, &ol, text, n),
			    "b64 %s: refused with %zu octets of room",
			    vec_name(o), wl - 1);
	}
}

static void
hostile(void)
{
	unsigned char out[64];
	char enc[B64_LEN(3)];
	size_t ol;

	ok(b64_decode(out, sizeof out, &ol, "", 0) && ol == 0, "length 0");
	ok(b64_decode(out, 0, &ol, "", 0) && ol == 0,
	    "length 0 into no room");
	ok(b64_decode(out, sizeof out, &ol, "Zm9vYmFy", 4) && ol == 3 &&
	    memcmp(out, "foo", 3) == 0, "only len octets are decoded");
	ok(!b64_decode(out, sizeof out, &ol, "Zm9v\0mFy", 8),
	    "embedded NUL");
	ok(!b64_decode(out, sizeof out, &ol, "Zm9vYmFy\0", 9),
	    "trailing NUL");
	ok(!b64_decode(out, sizeof out, &ol, "\0\0\0\0", 4), "four NULs");
	ok(!b64_decode(out, sizeof out, &ol, "Zg=\0", 4), "NUL as padding");
	ok(!b64_decode(out, sizeof out, &ol, "Zh==", 4),
	    "bad padding: pad bits");
	ok(!b64_decode(out, sizeof out, &ol, "Zg=", 3),
	    "bad padding: short");
	ok(!b64_decode(out, sizeof out, &ol, "Z===", 4),
	    "bad padding: one character");
	ok(!b64_decode(out, sizeof out, &ol, "=Zg=", 4),
	    "bad padding: leading");
	ok(!b64_decode(out, sizeof out, &ol, "Zm9v=", 5),
	    "bad padding: after a full quantum");

	ok(b64_decode(out, 3, &ol, "Zm9v", 4) && ol == 3,
	    "max: 3 octets into 3");
	ok(!b64_decode(out, 2, &ol, "Zm9v", 4), "max+1: 3 octets into 2");

	is_u64(b64_encode(enc, (unsigned char const *)"foo", 3), 4,
	    "encode foo: length");
	is_str(enc, "Zm9v", "encode foo");
	is_u64(b64_encode(enc, (unsigned char const *)"", 0), 0,
	    "encode nothing");
	is_str(enc, "", "encode nothing: empty text");
	ok(B64_LEN(32) == 45 && B64_LEN(0) == 1 && B64_LEN(1) == 5,
	    "B64_LEN");
}

/* every octet 0x80-0xff put in every position of valid texts: refused
 * (libsodium 1.0.18 alone reads them as '/'), *outlen untouched */
static void
high_octets(void)
{
	static char const *const texts[] = { "Zm9vYmFy", "Zm9vYg==",
	    "Zm9vYmE=", "////", "Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=" };
	unsigned char out[64];
	char buf[64];
	size_t i, pos, ol;
	unsigned c;

	ok(!b64_decode(out, sizeof out, &ol, "\xffla1", 4),
	    "\\xffla1 is refused");
	ok(!b64_decode(out, sizeof out, &ol, "\xff\xff\xff\xff", 4),
	    "four 0xff octets are refused");
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t n = strlen(texts[i]), bad = 0;
		unsigned firstc = 0;
		size_t firstpos = 0;

		for (pos = 0; pos < n; pos++)
			for (c = 0x80; c <= 0xff; c++) {
				memcpy(buf, texts[i], n);
				buf[pos] = (char)c;
				ol = 9999;
				if (b64_decode(out, sizeof out, &ol, buf, n) ||
				    ol != 9999) {
					if (bad++ == 0)
						firstc = c, firstpos = pos;
				}
			}
		ok(bad == 0, "%s: each of the 128 high octets in each of its "
		    "%zu positions is refused", texts[i], n);
		if (bad)
			diag("%zu accepted, the first 0x%02x at %zu", bad,
			    firstc, firstpos);
	}
}

/* round trips: random octets encode and decode back; every text built of
 * random octets (or the alphabet, or a valid text with one octet
 * changed) that decodes encodes back to itself */
static void
round_trips(void)
{
	static char const alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/=";
	unsigned char in[96], out[96];
	char text[B64_LEN(96)], again[B64_LEN(96)];
	size_t i, j, n, tl, ol;
	long bin_bad = 0, text_bad = 0, decoded = 0, mut_bad = 0;

	for (i = 0; i < 20000; i++) {
		n = randombytes_uniform(sizeof in + 1);
		randombytes_buf(in, n);
		tl = b64_encode(text, in, n);
		if (!b64_decode(out, sizeof out, &ol, text, tl) || ol != n ||
		    (n && memcmp(in, out, n) != 0))
			bin_bad++;
		/* the same text with one octet replaced by any octet */
		if (tl > 0) {
			j = randombytes_uniform((uint32_t)tl);
			text[j] = (char)randombytes_uniform(256);
			if (b64_decode(out, sizeof out, &ol, text, tl) &&
			    (b64_encode(again, out, ol) != tl ||
			    memcmp(again, text, tl) != 0))
				mut_bad++;
		}
	}
	ok(bin_bad == 0, "20000 random inputs of 0-96 octets: decode(encode"
	    "(x)) == x (%ld failed)", bin_bad);
	ok(mut_bad == 0, "20000 valid texts with one octet replaced: each "
	    "that decodes encodes back to itself (%ld failed)", mut_bad);
	for (i = 0; i < 200000; i++) {
		n = 4 * (1 + randombytes_uniform(3));
		for (j = 0; j < n; j++)
			text[j] = (char)(i % 2 ? randombytes_uniform(256) :
			    (unsigned char)alpha[randombytes_uniform(
			    sizeof alpha - 1)]);
		if (!b64_decode(out, sizeof out, &ol, text, n))
			continue;
		decoded++;
		if (b64_encode(again, out, ol) != n ||
		    memcmp(again, text, n) != 0)
			text_bad++;
	}
	ok(text_bad == 0 && decoded > 1000, "200000 random texts: the %ld "
	    "that decode encode back to themselves (%ld failed)", decoded,
	    text_bad);
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
