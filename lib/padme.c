/* padme.c: P(L) of section 10: a floor of 1024, then Padme, which leaks
 * only O(log log L) bits of the length. */
#include "padme.h"
#include "rune.h"

/* floor(log2 x), x > 0 */
static unsigned
log2_floor(uint64_t x)
{
	unsigned e = 0;

	while (x >>= 1)
		e++;
	return e;
}

uint64_t
padme(uint64_t L)
{
	unsigned E, S;
	uint64_t m;

	if (L <= RUNE_PADME_FLOOR)
		return RUNE_PADME_FLOOR;
	E = log2_floor(L);		/* >= 10 here */
	S = log2_floor(E) + 1;
	m = ((uint64_t)1 << (E - S)) - 1;
	if (L > UINT64_MAX - m)
		return 0;
	return (L + m) & ~m;
}

/* P(n + hdr) + extra, or 0 on overflow */
static uint64_t
blob_size(uint64_t n, uint64_t hdr, uint64_t extra)
{
	uint64_t p;

	if (n > UINT64_MAX - hdr)
		return 0;
	p = padme(n + hdr);
	if (p == 0 || p > UINT64_MAX - extra)
		return 0;
	return p + extra;
}

uint64_t
padme_blob_size(uint64_t n)
{
	return blob_size(n, RUNE_INNER_HDR, RUNE_SEAL_LEN);
}

uint64_t
padme_blob2_size(uint64_t n)
{
	return blob_size(n, RUNE2_INNER_HDR, RUNE2_BLOB_EXTRA);
}
