/* load.c: rune-keys load: many "address key" lines on stdin in one
 * rebuild of the table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "die.h"
#include "key.h"
#include "keys.h"
#include "rune.h"

/* the key text s[0..len) into pk; the last valid text is remembered, as
 * checking a point costs more than the rest of a line (bench/keys.sh
 * loads one key many times) */
static int
load_key(unsigned char pk[RUNE_PK_LEN], char const *s, size_t len)
{
	static char last[RUNE_KEY_TEXT_LEN];
	static unsigned char lastpk[RUNE_PK_LEN];
	static int have;

	if (have && len == sizeof last && memcmp(s, last, len) == 0) {
		memcpy(pk, lastpk, RUNE_PK_LEN);
		return 1;
	}
	if (!key_parse(pk, s, len))
		return 0;
	if (len == sizeof last) {
		memcpy(last, s, len);
		memcpy(lastpk, pk, RUNE_PK_LEN);
		have = 1;
	}
	return 1;
}

/* one "address key" line into s; 0 when it is not one */
static int
load_line(struct keyset *s, char const *domain, char *line, size_t len)
{
	unsigned char k[KEYREC_KEY_MAX], v[KEYREC_VAL_MAX];
	char *sp = memchr(line, ' ', len);
	struct keyrec r;
	struct addr a;
	size_t klen, vlen;

	if (!sp || !addr_parse(&a, line, (size_t)(sp - line)) ||
	    !addr_in_domain(&a, domain) ||
	    !load_key(r.pk, sp + 1, len - (size_t)(sp + 1 - line)))
		return 0;
	r.state = KEYREC_ACTIVE;
	r.since = 0;			/* no registration: as an old one */
	r.how = KEYREC_REG_UNKNOWN;
	klen = keyrec_addr_key(k, KEYREC_ADDR, &a);
	vlen = keyrec_addr_put(v, &r);
	if (!keyset_add(s, k, klen, v, vlen))
		die_sys(RUNE_EXIT_TEMP, "unable to load");
	return 1;
}

int
keys_load(char const *root, char const *domain)
{
	struct keyset s;
	char *line = 0;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int code;

	keyset_init(&s);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		lineno++;
		if (line[n - 1] == '\n')
			line[--n] = 0;
		if (!load_line(&s, domain, line, (size_t)n))
			die(RUNE_EXIT_PERM, "load: line %zu: want "
			    "\"address key\"", lineno);
	}
	if (ferror(stdin))
		die_sys(RUNE_EXIT_TEMP, "unable to read stdin");
	free(line);
	if (!keyset_sort(&s))
		die(RUNE_EXIT_PERM, "load: an address appears twice");
	code = merge_load(root, &s);
	keyset_free(&s);
	if (code == KEYEXIT_TAKEN)
		die(code, "load: an address is in the table already");
	return code;
}
