/* 06-lib-padme: P(L) of section 10 against every vector of vectors.json
 * "padme", and hostile cases. */
#include <stdint.h>

#include "padme.h"
#include "rune.h"
#include "tap.h"
#include "lib/vec.h"

static void
vectors(void)
{
	json_t *a = vec_array("padme");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		uint64_t L = (uint64_t)vec_int(o, "L");
		uint64_t P = (uint64_t)vec_int(o, "P");
		uint64_t blob = (uint64_t)vec_int(o, "client_blob");

		is_u64(padme(L), P, "padme %s: P", vec_name(o));
		is_u64(P + RUNE_SEAL_LEN, blob,
		    "padme %s: client_blob = P + 48", vec_name(o));
		if (vec_has(o, "payload")) {
			uint64_t n = (uint64_t)vec_int(o, "payload");

			is_u64(n + RUNE_INNER_HDR, L, "padme %s: payload + 69",
			    vec_name(o));
			is_u64(padme_blob_size(n), blob,
			    "padme %s: blob size of the payload", vec_name(o));
		}
		ok((blob <= RUNE_MAXSIZE_DEFAULT) == vec_bool(o,
		    "fits_maxsize"), "padme %s: fits_maxsize", vec_name(o));
		if (vec_has(o, "m")) {
			uint64_t m = (uint64_t)vec_int(o, "m");

			ok(L > RUNE_PADME_FLOOR && (P & m) == 0 && P >= L &&
			    P - L <= m, "padme %s: P is L rounded up by m",
			    vec_name(o));
		} else
			ok(L <= RUNE_PADME_FLOOR, "padme %s: floor",
			    vec_name(o));
	}
}

static void
hostile(void)
{
	uint64_t L, p, last = 0;
	int good = 1;

	is_u64(padme(0), 1024, "L 0");
	is_u64(padme(1024), 1024, "L 1024: the floor's max");
	is_u64(padme(1025), 1088, "L 1025: the floor's max+1");
	is_u64(padme(UINT64_MAX), 0, "L 2^64-1 overflows: 0");
	is_u64(padme((uint64_t)1 << 63), (uint64_t)1 << 63, "L 2^63");
	is_u64(padme(((uint64_t)1 << 63) + 1),
	    ((uint64_t)1 << 63) + ((uint64_t)1 << 57), "L 2^63+1");
	is_u64(padme_blob_size(0), RUNE_BLOB_MIN, "empty payload: 1072");
	is_u64(padme_blob_size(10223547), 10223664,
	    "largest payload under the default MAXSIZE");
	ok(padme_blob_size(10223548) > RUNE_MAXSIZE_DEFAULT,
	    "one octet more exceeds it");
	is_u64(padme_blob_size(UINT64_MAX), 0, "payload 2^64-1: 0");
	is_u64(padme_blob_size(UINT64_MAX - RUNE_INNER_HDR), 0,
	    "payload 2^64-70: 0");
	for (L = 0; L < 300000 && good; L++) {
		p = padme(L);
		good = p >= L && p >= last && padme(p) == p;
		last = p;
	}
	ok(good, "P(L) >= L, nondecreasing, P(P(L)) = P(L) up to 300000");
}

int
main(void)
{
	vectors();
	hostile();
	vec_free();
	return done();
}
