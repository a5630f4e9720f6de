/* xsxor.c: XSalsa20 from an octet position (xsxor.h). */
#include <string.h>

#include <sodium.h>

#include "xsxor.h"

void
xsxor(unsigned char *out, unsigned char const *in, size_t n, uint64_t pos,
    unsigned char const nonce[24], unsigned char const key[32])
{
	unsigned char blk[64];

	while (n > 0) {
		uint64_t b = pos / 64;
		size_t off = (size_t)(pos % 64), k;

		if (off != 0 || n < 64) {
			k = 64 - off < n ? 64 - off : n;
			memset(blk, 0, sizeof blk);
			memcpy(blk + off, in, k);
			(void)crypto_stream_xsalsa20_xor_ic(blk, blk,
			    sizeof blk, nonce, b, key);
			memcpy(out, blk + off, k);
		} else {
			k = n - n % 64;
			(void)crypto_stream_xsalsa20_xor_ic(out, in, k, nonce,
			    b, key);
		}
		pos += k;
		out += k;
		in += k;
		n -= k;
	}
	sodium_memzero(blk, sizeof blk);
}
