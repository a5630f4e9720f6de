/* key.c: the public key text "ed25519:" b64(32 octets) (13.2). */
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "key.h"

int
key_parse(unsigned char pk[RUNE_PK_LEN], char const *s, size_t len)
{
	unsigned char k[RUNE_PK_LEN];
	size_t n;

	if (len < RUNE_KEY_PREFIX_LEN ||
	    memcmp(s, RUNE_KEY_PREFIX, RUNE_KEY_PREFIX_LEN) != 0)
		return 0;
	if (!b64_decode(k, sizeof k, &n, s + RUNE_KEY_PREFIX_LEN,
	    len - RUNE_KEY_PREFIX_LEN) || n != RUNE_PK_LEN)
		return 0;
	/* refuses non-canonical, off-curve, small and mixed order points */
	if (crypto_core_ed25519_is_valid_point(k) != 1)
		return 0;
	memcpy(pk, k, RUNE_PK_LEN);
	return 1;
}

size_t
key_fmt(char out[RUNE_KEY_TEXT_LEN + 1], unsigned char const pk[RUNE_PK_LEN])
{
	memcpy(out, RUNE_KEY_PREFIX, RUNE_KEY_PREFIX_LEN);
	b64_encode(out + RUNE_KEY_PREFIX_LEN, pk, RUNE_PK_LEN);
	return RUNE_KEY_TEXT_LEN;
}
