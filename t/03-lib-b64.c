/* 03-lib-b64: strict base64 (13.3) against every vector of vectors.json
 * "b64", and hostile cases. */
#include <string.h>

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

int
main(void)
{
	vectors();
	hostile();
	vec_free();
	return done();
}
