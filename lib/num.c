/* num.c: section 3 numbers (13.6) and big-endian packing. */
#include "num.h"
#include "rune.h"

int
num_parse(uint64_t *n, char const *s, size_t len)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > RUNE_NUM_DIGITS_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	if (s[0] == '0' && len > 1)
		return 0;
	for (i = 0; i < len; i++) {
		uint64_t d = (uint64_t)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return 0;	/* cannot happen with 19 digits */
		v = v * 10 + d;
	}
	*n = v;
	return 1;
}

size_t
num_fmt(char *buf, uint64_t n)
{
	char tmp[NUM_FMT_MAX];
	size_t k = 0, i;

	do {
		tmp[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	for (i = 0; i < k; i++)
		buf[i] = tmp[k - 1 - i];
	buf[k] = '\0';
	return k;
}

void
num_pack_be8(unsigned char *b, uint64_t n)
{
	int i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(n & 0xff);
		n >>= 8;
	}
}

uint64_t
num_unpack_be8(unsigned char const *b)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < 8; i++)
		n = (n << 8) | b[i];
	return n;
}

void
num_pack_be4(unsigned char *b, uint32_t n)
{
	b[0] = (unsigned char)(n >> 24);
	b[1] = (unsigned char)(n >> 16);
	b[2] = (unsigned char)(n >> 8);
	b[3] = (unsigned char)n;
}

uint32_t
num_unpack_be4(unsigned char const *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | (uint32_t)b[3];
}
