/* 01-lib-addr: addresses (section 3, 13.1) against every vector of
 * vectors.json "address", and hostile cases. */
#include <string.h>

#include "addr.h"
#include "tap.h"
#include "lib/vec.h"

static void
vectors(void)
{
	json_t *a = vec_array("address");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		char text[512];
		size_t n = vec_text(o, "text", text, sizeof text);
		int valid = vec_bool(o, "valid");
		struct addr ad;
		int r;

		memset(&ad, 0x55, sizeof ad);
		r = addr_parse(&ad, text, n);
		ok(r == valid, "address %s: %s", vec_name(o),
		    valid ? "valid" : "invalid");
		if (valid && r) {
			char const *c = vec_str(o, "canonical");

			is_str(ad.s, c, "address %s: canonical", vec_name(o));
			ok(ad.len == strlen(c) && ad.s[ad.at] == '@' &&
			    strchr(ad.s, '@') == ad.s + ad.at,
			    "address %s: len and at", vec_name(o));
		}
	}
}

static void
hostile(void)
{
	struct addr a;
	char buf[256];

	ok(!addr_parse(&a, "", 0), "length 0");
	ok(!addr_parse(&a, "alice@runedemo", 0), "length 0 of a real text");
	ok(addr_parse(&a, "alice@runedemo", 14), "exact length");
	ok(addr_parse(&a, "alice@runedemo", 13) &&
	    strcmp(a.s, "alice@runedem") == 0 && a.len == 13,
	    "only len octets are parsed");
	ok(!addr_parse(&a, "alice@run\0demo", 14), "embedded NUL");
	ok(!addr_parse(&a, "alice\0@runedemo", 15), "NUL in user part");
	ok(!addr_parse(&a, "alice@runedemo\0", 15), "trailing NUL");

	/* 50 + @ + 50 = 101 is the max; 102 is refused */
	memset(buf, 'A', 50);
	buf[50] = '@';
	memset(buf + 51, 'Z', 50);
	ok(addr_parse(&a, buf, 101) && a.len == 101 && a.at == 50 &&
	    a.s[0] == 'a' && a.s[100] == 'z' && a.s[101] == '\0',
	    "max 101 octets, lowercased");
	buf[101] = 'Z';
	ok(!addr_parse(&a, buf, 102), "max+1: 102 octets (domain 51)");
	memset(buf, 'b', 200);
	buf[100] = '@';
	ok(!addr_parse(&a, buf, 200), "200 octets");
	ok(!addr_parse(&a, "\xff\xfe\xfd@runedemo", 12), "high octets");
	ok(!addr_parse(&a, "abc@def@", 8), "trailing @");
	ok(!addr_parse(&a, "@@@", 3), "only @");

	ok(addr_parse(&a, "Alice@RuneDemo", 14) &&
	    addr_in_domain(&a, "runedemo"), "in domain");
	ok(addr_in_domain(&a, "RUNEDEMO"), "in domain, any case");
	ok(!addr_in_domain(&a, "runedem"), "not in a shorter domain");
	ok(!addr_in_domain(&a, "runedemox"), "not in a longer domain");
	ok(!addr_in_domain(&a, "other"), "not in another domain");
	ok(!addr_in_domain(&a, ""), "not in the empty domain");

	ok(addr_domain_ok("runedemo", 8), "domain ok");
	ok(addr_domain_ok("abc", 3), "domain of 3");
	ok(!addr_domain_ok("ab", 2), "domain of 2");
	ok(!addr_domain_ok("", 0), "domain of 0");
	memset(buf, 'd', 51);
	ok(addr_domain_ok(buf, 50), "domain of 50");
	ok(!addr_domain_ok(buf, 51), "domain of 51");
	ok(!addr_domain_ok("rune.example", 12), "domain with a dot");
	ok(!addr_domain_ok("rune\0demo", 9), "domain with a NUL");
}

int
main(void)
{
	vectors();
	hostile();
	vec_free();
	return done();
}
