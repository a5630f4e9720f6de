/* b64.c: strict base64 (13.3): standard alphabet, padding required, pad
 * bits zero, nothing else; libsodium does the work, once every octet is
 * known to be US-ASCII. */
#include <sodium.h>

#include "b64.h"

int
b64_decode(unsigned char *out, size_t outmax, size_t *outlen,
    char const *s, size_t len)
{
	unsigned char const *p = (unsigned char const *)s;
	size_t i, n = 0;

	/* libsodium 1.0.18 reads every octet 0x80-0xff as '/' (a signed
	 * char compared as unsigned): refuse them here, whatever it does */
	for (i = 0; i < len; i++)
		if (p[i] >= 0x80)
			return 0;
	/* ignore = NULL and b64_end = NULL: any stray octet fails; the
	 * return value decides, n may be set on failure */
	if (sodium_base642bin(out, outmax, s, len, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0)
		return 0;
	*outlen = n;
	return 1;
}

size_t
b64_encode(char *out, unsigned char const *in, size_t len)
{
	sodium_bin2base64(out, B64_LEN(len), in, len,
	    sodium_base64_VARIANT_ORIGINAL);
	return B64_LEN(len) - 1;
}
