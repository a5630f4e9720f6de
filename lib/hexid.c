/* hexid.c: message ids, 64 lowercase hex digits of BLAKE2b-256 (13.14). */
#include <sodium.h>

#include "hexid.h"

int
hexid_lower(char const *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

int
hexid_parse(unsigned char id[RUNE_ID_LEN], char const *s, size_t len)
{
	size_t n = 0;

	/* sodium_hex2bin takes uppercase too: only lowercase is an id */
	if (len != RUNE_ID_HEX_LEN || !hexid_lower(s, len))
		return 0;
	if (sodium_hex2bin(id, RUNE_ID_LEN, s, len, NULL, &n, NULL) != 0 ||
	    n != RUNE_ID_LEN)
		return 0;
	return 1;
}

void
hexid_fmt(char out[RUNE_ID_HEX_LEN + 1], unsigned char const id[RUNE_ID_LEN])
{
	sodium_bin2hex(out, RUNE_ID_HEX_LEN + 1, id, RUNE_ID_LEN);
}

void
hexid_of(unsigned char id[RUNE_ID_LEN], unsigned char const *b, size_t len)
{
	/* cannot fail with these sizes */
	(void)crypto_generichash(id, RUNE_ID_LEN, b, len, NULL, 0);
}
