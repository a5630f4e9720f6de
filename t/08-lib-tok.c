/* 08-lib-tok: command-line tokens (section 3, 13.24) and the message-id
 * argument (13.14), with the message vectors' ids. */
#include <string.h>

#include <sodium.h>

#include "hexid.h"
#include "tok.h"
#include "tap.h"
#include "lib/vec.h"

static void
printable(void)
{
	char all[256];
	int i, good = 1;

	ok(tok_printable("", 0), "printable: length 0");
	ok(tok_printable(" ~", 2), "printable: space and tilde");
	for (i = 0; i < 256; i++) {
		char c = (char)i;

		good &= tok_printable(&c, 1) == (i >= 0x20 && i <= 0x7e);
		all[i] = c;
	}
	ok(good, "printable: exactly 0x20..0x7e");
	ok(!tok_printable(all, sizeof all), "printable: all octets");
	ok(!tok_printable("NOOP\0", 5), "printable: NUL");
	ok(!tok_printable("NO\rOP", 5), "printable: CR");
	ok(!tok_printable("NOOP\t", 5), "printable: tab");
	ok(!tok_printable("caf\xc3\xa9", 5), "printable: UTF-8");
	ok(tok_printable("NOOP\0", 4), "printable: only len octets");
}

static void
split(void)
{
	struct tok v[RUNE_ARGS_MAX];
	char const *s;

	ok(tok_split(v, RUNE_ARGS_MAX, "", 0) == 0, "split: length 0");
	ok(tok_split(v, RUNE_ARGS_MAX, "    ", 4) == 0, "split: only spaces");
	s = "KEY alice@runedemo";
	ok(tok_split(v, RUNE_ARGS_MAX, s, strlen(s)) == 2 &&
	    v[0].s == s && v[0].len == 3 && v[1].s == s + 4 &&
	    v[1].len == 14, "split: verb and one argument");
	s = "  SEND   bob@runedemo  1072  ";
	ok(tok_split(v, RUNE_ARGS_MAX, s, strlen(s)) == 3 &&
	    v[0].len == 4 && memcmp(v[0].s, "SEND", 4) == 0 &&
	    v[1].len == 12 && v[2].len == 4 &&
	    memcmp(v[2].s, "1072", 4) == 0, "split: runs of spaces");
	s = "A B C D";
	ok(tok_split(v, RUNE_ARGS_MAX, s, strlen(s)) == 4, "split: max");
	s = "A B C D E";
	ok(tok_split(v, RUNE_ARGS_MAX, s, strlen(s)) == -1, "split: max+1");
	s = "A B C D ";
	ok(tok_split(v, RUNE_ARGS_MAX, s, strlen(s)) == 4,
	    "split: max, trailing space");
	ok(tok_split(v, 0, "A", 1) == -1 && tok_split(v, 0, "", 0) == 0,
	    "split: max 0");
	ok(tok_split(v, RUNE_ARGS_MAX, "A\0B C", 5) == 2 && v[0].len == 3,
	    "split: NUL is not a separator");
	ok(tok_split(v, RUNE_ARGS_MAX, "A\tB", 3) == 1 && v[0].len == 3,
	    "split: tab is not a separator");
	ok(tok_split(v, RUNE_ARGS_MAX, "NOOP x", 4) == 1 && v[0].len == 4,
	    "split: only len octets");
}

static void
is(void)
{
	struct tok t = { "noop", 4 };
	struct tok u = { "CHALLANGE_ACCEPTED", 18 };
	struct tok n = { "NO\0P", 4 };

	ok(tok_is(&t, "NOOP") && tok_is(&t, "noop") && tok_is(&t, "NoOp"),
	    "is: any case");
	ok(!tok_is(&t, "NOO") && !tok_is(&t, "NOOPS") && !tok_is(&t, ""),
	    "is: length must match");
	ok(tok_is(&u, "challange_accepted") &&
	    !tok_is(&u, "CHALLENGE_ACCEPTED"), "is: underscore, spelling");
	ok(!tok_is(&n, "NO"), "is: embedded NUL");
	t.s = "NOO\x10";
	ok(!tok_is(&t, "NOO0"), "is: no case folding outside letters");
}

static void
ids(void)
{
	static char const h[] =
	    "1cdb89a220ae996f7f7c6cdb7dcf2c3fbdbd3326bf412cebc461161c8b3130fe";
	static unsigned char stored[1 << 16];
	unsigned char id[RUNE_ID_LEN], id2[RUNE_ID_LEN];
	char s[80], out[RUNE_ID_HEX_LEN + 1];
	json_t *a = vec_array("message");
	size_t i, n, seen = 0;

	ok(hexid_parse(id, h, 64), "id: 64 lowercase hex");
	hexid_fmt(out, id);
	is_str(out, h, "id: formats back");
	ok(!hexid_parse(id, "", 0), "id: length 0");
	ok(!hexid_parse(id, h, 63), "id: 63 digits");
	memcpy(s, h, 64);
	s[64] = '0';
	ok(!hexid_parse(id, s, 65), "id: 65 digits");
	memcpy(s, h, 64);
	s[10] = 'A';
	ok(!hexid_parse(id, s, 64), "id: an uppercase digit");
	s[10] = 'g';
	ok(!hexid_parse(id, s, 64), "id: a non-hex digit");
	s[10] = '\0';
	ok(!hexid_parse(id, s, 64), "id: embedded NUL");
	s[10] = ' ';
	ok(!hexid_parse(id, s, 64), "id: embedded space");
	memset(s, '0', 64);
	ok(hexid_parse(id, s, 64), "id: all zeros is well formed");

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		char const *mid = vec_str(o, "message_id");

		if (mid == NULL || !vec_hex(o, "stored", stored,
		    sizeof stored, &n))
			continue;
		seen++;
		hexid_of(id, stored, n);
		hexid_fmt(out, id);
		is_str(out, mid, "id of message %s", vec_name(o));
		ok(hexid_parse(id2, mid, strlen(mid)) &&
		    memcmp(id, id2, sizeof id) == 0,
		    "id of message %s parses", vec_name(o));
	}
	ok(seen > 0, "%zu message ids checked", seen);
}

int
main(void)
{
	if (sodium_init() < 0)
		bail("sodium_init");
	printable();
	split();
	is();
	ids();
	vec_free();
	return done();
}
