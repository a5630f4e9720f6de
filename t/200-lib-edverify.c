/* 200-lib-edverify: Ed25519 verified in one pass over pieces
 * (lib/edverify.c, for rune fetch's large messages) gives
 * crypto_sign_verify_detached's verdict on good signatures over several
 * lengths (fed in pieces of several sizes) and on bad ones: a flipped
 * message octet, R or S; S + L (not canonical); a small-order R or A; a
 * non-canonical A; a signature by another key; all zeros. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "edverify.h"
#include "tap.h"

/* L, little-endian */
static unsigned char const ell[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
	0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x10 };

static int
ours(unsigned char const sig[64], unsigned char const *m, size_t n,
    unsigned char const pk[32], size_t piece)
{
	struct edverify v;
	size_t i, k;

	edverify_begin(&v, sig, pk);
	for (i = 0; i < n; i += k) {
		k = n - i < piece ? n - i : piece;
		edverify_update(&v, m + i, k);
	}
	return edverify_end(&v);
}

static int
theirs(unsigned char const sig[64], unsigned char const *m, size_t n,
    unsigned char const pk[32])
{
	return crypto_sign_verify_detached(sig, m, n, pk) == 0;
}

/* both verdicts equal want */
static void
check(unsigned char const sig[64], unsigned char const *m, size_t n,
    unsigned char const pk[32], int want, char const *what)
{
	int a = ours(sig, m, n, pk, 7), b = ours(sig, m, n, pk, 32768),
	    c = theirs(sig, m, n, pk);

	ok(a == want && b == want && c == want, "%s: %s (ours %d %d, "
	    "libsodium %d)", what, want ? "verifies" : "refused", a, b, c);
}

/* S + L with carries, little-endian */
static void
add_l(unsigned char s[32])
{
	unsigned c = 0;
	int i;

	for (i = 0; i < 32; i++) {
		c += s[i] + ell[i];
		s[i] = (unsigned char)c;
		c >>= 8;
	}
}

int
main(void)
{
	static size_t const lens[] = { 0, 1, 63, 64, 65, 32767, 32768, 100003 };
	unsigned char pk[32], sk[64], pk2[32], sk2[64], sig[64], bad[64];
	unsigned char small[32] = { 0 }, noncanon[32], *m;
	size_t i, n = 100003;

	if (sodium_init() < 0 || (m = malloc(n)) == NULL)
		return 1;
	randombytes_buf(m, n);
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		char what[64];

		crypto_sign_detached(sig, NULL, m, lens[i], sk);
		snprintf(what, sizeof what, "%zu octets", lens[i]);
		check(sig, m, lens[i], pk, 1, what);
	}
	crypto_sign_detached(sig, NULL, m, n, sk);
	m[n / 2] ^= 1;
	check(sig, m, n, pk, 0, "a message octet flipped");
	m[n / 2] ^= 1;
	memcpy(bad, sig, 64);
	bad[3] ^= 0x10;
	check(bad, m, n, pk, 0, "R flipped");
	memcpy(bad, sig, 64);
	bad[40] ^= 0x01;
	check(bad, m, n, pk, 0, "S flipped");
	memcpy(bad, sig, 64);
	add_l(bad + 32);
	check(bad, m, n, pk, 0, "S + L (not canonical)");
	check(sig, m, n, pk2, 0, "another key");
	memset(bad, 0, 64);
	check(bad, m, n, pk, 0, "all zeros");
	/* R the neutral element (small order), S = k*a would need a; any S
	 * is refused for the R alone */
	memcpy(bad, sig, 64);
	memset(bad, 0, 32);
	bad[0] = 1;
	check(bad, m, n, pk, 0, "R of small order (the neutral element)");
	/* A of small order: the neutral element; R = [S]B, so R' = R with
	 * any k when A is neutral: libsodium refuses it, so must we */
	small[0] = 1;
	{
		unsigned char s[32], R[32];

		crypto_core_ed25519_scalar_random(s);
		crypto_scalarmult_ed25519_base_noclamp(R, s);
		memcpy(bad, R, 32);
		memcpy(bad + 32, s, 32);
		check(bad, m, n, small, 0, "A of small order (the neutral "
		    "element), R = [S]B");
	}
	/* A not canonical: y >= p (2^255 - 19 + 1 = y of the neutral
	 * element, unreduced) */
	memset(noncanon, 0xff, 32);
	noncanon[0] = 0xee;
	noncanon[31] = 0x7f;
	check(sig, m, n, noncanon, 0, "A not canonical");
	free(m);
	return done();
}
