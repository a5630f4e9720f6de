/* values.c: fuzz target: the parsers of section 3 and 13 values:
 * addresses, numbers, keys, base64, message ids, mailbox names and
 * message file names, key table names.  Octet 0 picks the parser; each
 * accepted value must format back to what was parsed. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "b64.h"
#include "fuzz.h"
#include "hexid.h"
#include "key.h"
#include "keyrec.h"
#include "mbox.h"
#include "num.h"

static void
check(int ok)
{
	if (!ok)
		__builtin_trap();
}

static void
f_addr(char const *s, size_t n)
{
	struct addr a, b;

	if (!addr_parse(&a, s, n))
		return;
	check(a.len == n && a.s[a.len] == '\0' && a.s[a.at] == '@');
	check(addr_parse(&b, a.s, a.len) && !strcmp(a.s, b.s));
	(void)addr_in_domain(&a, "fuzztest");
	(void)addr_domain_ok(a.s + a.at + 1, a.len - a.at - 1);
}

static void
f_num(char const *s, size_t n)
{
	char buf[32];
	uint64_t v;

	if (!num_parse(&v, s, n))
		return;
	check(num_fmt(buf, v) == n && !memcmp(buf, s, n));
}

static void
f_key(char const *s, size_t n)
{
	unsigned char pk[RUNE_PK_LEN];
	char out[RUNE_KEY_TEXT_LEN + 1];

	if (!key_parse(pk, s, n))
		return;
	check(key_fmt(out, pk) == n && !memcmp(out, s, n));
}

static void
f_b64(char const *s, size_t n)
{
	unsigned char *out = malloc(n + 1);
	char *back = malloc(n + 4);
	size_t len;

	if (!out || !back)
		abort();
	if (b64_decode(out, n + 1, &len, s, n)) {
		check(len <= n);
		check(b64_encode(back, out, len) == n && !memcmp(back, s, n));
	}
	/* a small output buffer must be refused, not overrun */
	if (b64_decode(out, n / 2, &len, s, n))
		check(len <= n / 2);
	free(out);
	free(back);
}

static void
f_ids(char const *s, size_t n)
{
	unsigned char id[RUNE_ID_LEN];
	char hex[RUNE_ID_HEX_LEN + 1], name[MBOX_ENT_MAX + 1];
	struct mbox_msg m;
	char *z = malloc(n + 1);

	if (!z)
		abort();
	if (hexid_parse(id, s, n)) {
		hexid_fmt(hex, id);
		check(n == RUNE_ID_HEX_LEN && !memcmp(hex, s, n));
	}
	(void)hexid_lower(s, n);
	(void)mbox_name_ok(s, n);
	memcpy(z, s, n);
	z[n] = '\0';
	if (mbox_ent_parse(z, &m)) {
		check(mbox_ent_fmt(name, &m) == strlen(z));
		check(!strcmp(name, z));
	}
	free(z);
}

static void
f_keyrec(char const *s, size_t n)
{
	unsigned char k[KEYREC_KEY_MAX];
	char name[KEYREC_NAME_MAX + 1], *z = malloc(n + 1);
	size_t klen;

	if (!z)
		abort();
	memcpy(z, s, n);
	z[n] = '\0';
	klen = keyrec_unname(k, z);
	if (klen > 0) {
		check(klen <= KEYREC_KEY_MAX);
		check(keyrec_name(name, k, klen) && !strcmp(name, z));
	}
	(void)keyrec_tok_syntax(s, n);
	/* the octets as a CDB key: its journal name, when it is one */
	if (n <= KEYREC_KEY_MAX && keyrec_name(name, (unsigned char const *)s,
	    n)) {
		check(keyrec_unname(k, name) == n && !memcmp(k, s, n));
	}
	free(z);
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	char const *s = (char const *)data + 1;
	size_t n = size - 1;

	if (size < 1)
		return 0;
	switch (data[0] % 6) {
	case 0: f_addr(s, n); break;
	case 1: f_num(s, n); break;
	case 2: f_key(s, n); break;
	case 3: f_b64(s, n); break;
	case 4: f_ids(s, n); break;
	case 5: f_keyrec(s, n); break;
	}
	return 0;
}
