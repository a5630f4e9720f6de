/* 02-lib-num: numbers (section 3, 13.6) against every vector of
 * vectors.json "numbers", big-endian packing, and hostile cases. */
#include <stdint.h>
#include <string.h>

#include "num.h"
#include "tap.h"
#include "lib/vec.h"

static void
vectors(void)
{
	json_t *a = vec_array("numbers");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		char text[128], fmt[NUM_FMT_MAX];
		unsigned char be8[8], want[8];
		size_t n = vec_text(o, "text", text, sizeof text), wl;
		int valid = vec_bool(o, "valid");
		uint64_t v = 12345;
		int r = num_parse(&v, text, n);

		ok(r == valid, "number %s: %s", vec_name(o),
		    valid ? "valid" : "invalid");
		if (!r)
			continue;
		num_fmt(fmt, v);
		is_str(fmt, vec_str(o, "value"), "number %s: value",
		    vec_name(o));
		if (!vec_hex(o, "be8", want, sizeof want, &wl))
			bail("number %s: no be8", vec_name(o));
		num_pack_be8(be8, v);
		is_bytes(be8, 8, want, wl, "number %s: be8", vec_name(o));
		is_u64(num_unpack_be8(want), v, "number %s: be8 unpacks",
		    vec_name(o));
	}
}

static void
hostile(void)
{
	char buf[64];
	unsigned char b[8];
	uint64_t v = 7;

	ok(!num_parse(&v, "", 0) && v == 7, "length 0, *n untouched");
	ok(!num_parse(&v, "123", 0), "length 0 of a real text");
	ok(num_parse(&v, "123", 2) && v == 12, "only len octets are parsed");
	ok(!num_parse(&v, "1\0" "2", 3), "embedded NUL");
	ok(!num_parse(&v, "12\0", 3), "trailing NUL");
	ok(num_parse(&v, "1234567890123456789", 19) &&
	    v == 1234567890123456789ULL, "max: 19 digits");
	ok(!num_parse(&v, "12345678901234567890", 20), "max+1: 20 digits");
	ok(!num_parse(&v, "99999999999999999999", 20), "20 nines");
	ok(!num_parse(&v, "00000000000000000000", 20), "20 zeros");
	memset(buf, '9', sizeof buf);
	ok(!num_parse(&v, buf, sizeof buf), "64 nines");
	ok(!num_parse(&v, "0\0", 2), "zero then NUL");
	ok(!num_parse(&v, "/", 1) && !num_parse(&v, ":", 1),
	    "the octets around the digits");

	is_u64(num_fmt(buf, UINT64_MAX), 20, "fmt: 20 digits of 2^64-1");
	is_str(buf, "18446744073709551615", "fmt: 2^64-1");
	num_fmt(buf, 0);
	is_str(buf, "0", "fmt: 0");

	num_pack_be8(b, 0x0102030405060708ULL);
	is_bytes(b, 8, "\x01\x02\x03\x04\x05\x06\x07\x08", 8, "pack be8");
	num_pack_be4(b, 0xa1b2c3d4U);
	is_bytes(b, 4, "\xa1\xb2\xc3\xd4", 4, "pack be4");
	ok(num_unpack_be4(b) == 0xa1b2c3d4U, "unpack be4");
	num_pack_be8(b, UINT64_MAX);
	ok(num_unpack_be8(b) == UINT64_MAX, "be8 round trip of 2^64-1");
}

int
main(void)
{
	vectors();
	hostile();
	vec_free();
	return done();
}
