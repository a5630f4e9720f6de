/* 05-lib-fpr: fingerprints (9, 13.4) against every vector of
 * vectors.json "fingerprint", typed forms, and hostile cases. */
#include <string.h>

#include <sodium.h>

#include "fpr.h"
#include "key.h"
#include "tap.h"
#include "lib/vec.h"

/* the typed forms of the text fingerprint t: no separator, colons,
 * upper case */
static void
typed(char const *name, char const *t, unsigned char const *want)
{
	unsigned char fp[RUNE_FPR_LEN];
	char s[64];
	size_t i, n;

	ok(fpr_parse(fp, t, strlen(t)) &&
	    memcmp(fp, want, RUNE_FPR_LEN) == 0, "fpr %s: parses", name);
	for (i = n = 0; t[i]; i++)
		if (t[i] != ' ')
			s[n++] = t[i];
	ok(n == 32 && fpr_parse(fp, s, n) &&
	    memcmp(fp, want, RUNE_FPR_LEN) == 0, "fpr %s: no spaces", name);
	for (i = 0; t[i]; i++)
		s[i] = t[i] == ' ' ? ':' : t[i];
	ok(fpr_parse(fp, s, i) && memcmp(fp, want, RUNE_FPR_LEN) == 0,
	    "fpr %s: colons", name);
	for (i = 0; t[i]; i++)
		s[i] = (t[i] >= 'a' && t[i] <= 'f') ?
		    (char)(t[i] - 'a' + 'A') : t[i];
	ok(fpr_parse(fp, s, i) && memcmp(fp, want, RUNE_FPR_LEN) == 0,
	    "fpr %s: upper case", name);
}

static void
vectors(void)
{
	json_t *a = vec_array("fingerprint");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		unsigned char key[RUNE_PK_LEN], h[32], fp[RUNE_FPR_LEN];
		unsigned char pk[RUNE_PK_LEN];
		char text[RUNE_FPR_TEXT_LEN + 1];
		char const *want = vec_str(o, "fingerprint");
		char const *pkt = vec_str(o, "pk_text");
		size_t kl, hl;

		if (!vec_hex(o, "key", key, sizeof key, &kl) ||
		    !vec_hex(o, "blake2b256", h, sizeof h, &hl) ||
		    want == NULL || pkt == NULL || kl != 32 || hl != 32)
			bail("fpr %s: fields", vec_name(o));
		fpr_make(fp, key, kl);
		is_bytes(fp, sizeof fp, h, RUNE_FPR_LEN,
		    "fpr %s: first 16 octets of blake2b256", vec_name(o));
		fpr_fmt(text, fp);
		is_str(text, want, "fpr %s: text", vec_name(o));
		ok(key_parse(pk, pkt, strlen(pkt)) &&
		    memcmp(pk, key, sizeof pk) == 0,
		    "fpr %s: pk_text is the key", vec_name(o));
		typed(vec_name(o), want, fp);
	}
}

static void
hostile(void)
{
	static char const t[] = "9d24 e2ee af27 c2a0 88a5 64a3 2fc0 3a88";
	unsigned char fp[RUNE_FPR_LEN];
	char s[64];

	ok(!fpr_parse(fp, "", 0), "length 0");
	ok(!fpr_parse(fp, t, 38), "last digit missing");
	memcpy(s, t, 39);
	s[39] = '0';
	ok(!fpr_parse(fp, s, 40), "a digit too many");
	s[39] = ' ';
	ok(!fpr_parse(fp, s, 40), "trailing space");
	s[39] = '\0';
	ok(!fpr_parse(fp, s, 40), "trailing NUL");
	memcpy(s, t, 39);
	s[10] = '\0';
	ok(!fpr_parse(fp, s, 39), "embedded NUL");
	memcpy(s, t, 39);
	s[4] = '\0';
	ok(!fpr_parse(fp, s, 39), "NUL as a separator");
	ok(!fpr_parse(fp, "9d24  e2ee af27 c2a0 88a5 64a3 2fc0 3a88", 40),
	    "two spaces");
	ok(!fpr_parse(fp, "9d24:e2ee af27 c2a0 88a5 64a3 2fc0 3a88", 39),
	    "mixed separators");
	ok(!fpr_parse(fp, "9d24e2ee af27c2a0 88a564a3 2fc03a88", 35),
	    "separators at some boundaries only");
	ok(!fpr_parse(fp, "9d2 4e2ee af27 c2a0 88a5 64a3 2fc0 3a88", 39),
	    "separator inside a group");
	ok(!fpr_parse(fp, "9d24 e2ee af27 c2a0 88a5 64a3 2fc0 3a8g", 39),
	    "non-hex digit");
	ok(!fpr_parse(fp, " 9d24 e2ee af27 c2a0 88a5 64a3 2fc0 3a88", 40),
	    "leading space");
	ok(!fpr_parse(fp, "9d24-e2ee-af27-c2a0-88a5-64a3-2fc0-3a88", 39),
	    "hyphens");
	ok(fpr_parse(fp, "9D24 e2EE Af27 c2a0 88a5 64a3 2fc0 3a88", 39),
	    "mixed case");
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
