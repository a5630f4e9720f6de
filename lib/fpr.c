/* fpr.c: key fingerprints (9, 13.4): the first 16 octets of BLAKE2b-256
 * of the key, shown as 8 groups of 4 lowercase hex digits. */
#include <sodium.h>

#include "fpr.h"

#define FPR_GROUPS	8
#define FPR_GROUP_HEX	4

void
fpr_make(unsigned char fp[RUNE_FPR_LEN], unsigned char const *key,
    size_t len)
{
	unsigned char h[crypto_generichash_BYTES];
	size_t i;

	/* cannot fail with a 32-octet output and no key */
	(void)crypto_generichash(h, sizeof h, key, len, NULL, 0);
	for (i = 0; i < RUNE_FPR_LEN; i++)
		fp[i] = h[i];
}

void
fpr_fmt(char out[RUNE_FPR_TEXT_LEN + 1], unsigned char const fp[RUNE_FPR_LEN])
{
	char hex[2 * RUNE_FPR_LEN + 1];
	size_t g, i, o = 0;

	sodium_bin2hex(hex, sizeof hex, fp, RUNE_FPR_LEN);
	for (g = 0; g < FPR_GROUPS; g++) {
		if (g > 0)
			out[o++] = ' ';
		for (i = 0; i < FPR_GROUP_HEX; i++)
			out[o++] = hex[g * FPR_GROUP_HEX + i];
	}
	out[o] = '\0';
}

static int
hexdigit(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* accepts 32 hex digits in groups of 4; between two groups nothing, one
 * space or one colon, the same at every boundary */
int
fpr_parse(unsigned char fp[RUNE_FPR_LEN], char const *s, size_t len)
{
	char hex[2 * RUNE_FPR_LEN];
	size_t pos = 0, g, i, n = 0;
	int sep = -1;		/* -1 not seen yet, 0 none, else the octet */

	for (g = 0; g < FPR_GROUPS; g++) {
		if (g > 0) {
			int here = 0;

			if (pos < len && (s[pos] == ' ' || s[pos] == ':'))
				here = (unsigned char)s[pos++];
			if (sep >= 0 && here != sep)
				return 0;
			sep = here;
		}
		for (i = 0; i < FPR_GROUP_HEX; i++) {
			if (pos >= len || !hexdigit(s[pos]))
				return 0;
			hex[g * FPR_GROUP_HEX + i] = s[pos++];
		}
	}
	if (pos != len)
		return 0;
	if (sodium_hex2bin(fp, RUNE_FPR_LEN, hex, sizeof hex, NULL, &n,
	    NULL) != 0 || n != RUNE_FPR_LEN)
		return 0;
	return 1;
}
