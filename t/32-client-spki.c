/* 32-client-spki: the DER SubjectPublicKeyInfo encoder (lib/spki.c) that
 * the client's TLS pin hashes (13.4), against openssl's encodings of the
 * same keys, and the fingerprints against b2sum -l 256. */
#include <sodium.h>
#include <string.h>

#include "fpr.h"
#include "spki.h"
#include "tap.h"

/* openssl pkey -pubout -outform DER, as hex */
static char const ec256_der[] =
    "3059301306072a8648ce3d020106082a8648ce3d03010703420004f91b86d0fd7b63"
    "e229ad29208eb10ddd4b44d0fb2fb3423a8330e7d6d292eb74f1aba4b259d56e4f80"
    "8cd46a375ec3eef24d68ff1c70df37e4ac350012963d8b";
static char const ec384_der[] =
    "3076301006072a8648ce3d020106052b8104002203620004efc653e5b1cae7ca1383"
    "076cea78f0de5a8488386fe4d7a104f58e73a667094dc1304a008cea155dee280590"
    "44f2fdb36fedf832e7f4b6b4a68294bd0ca8a0eb537338b1c6923c3b60634915827f"
    "c4d190b58eab440f8b1955b72e7239d9bbcf";
static char const rsa_der[] =
    "30820122300d06092a864886f70d01010105000382010f003082010a0282010100b9"
    "8479cfb0a2cb16e3e594fc2db397e5cc301245f55e8e72df40bde5e0499f9b6f50b7"
    "7c04db86f3284b1d3006117e1fac06f1c398583e8b87f4094a0877144a85e03e8f23"
    "5a480c092840e4b3cd81568d77f60dc0fa28e3a66e32111eb63ad6fa3a76a571c3af"
    "0d2d89c3de7ce417f194b2ee2347a0e1942fe8dac06f2d9aef9339292b85a0d04262"
    "9b718fbf5e3f944d388b5a3a1cb771187ffcab2f9728af494116d5445510fa77ae92"
    "e97d45d10898e59a37184f5db4b4116489437ed6ce7e75de5c9f2f50b2cc460c50b6"
    "3de5ddb947f0e98d71548b098fe99e9a0e2cd8ca4abc5f4593205e9df71c2a3a4db1"
    "b607903b78462c5b8914b54d21c45840f50203010001";
/* b2sum -l 256 of each DER, first 32 hex digits */
static char const ec256_fpr[] = "5eec 2149 cf62 cc42 d2d1 8b96 969a 3c2a";
static char const ec384_fpr[] = "c4a3 b283 200c f3c9 8de9 b4b6 f81c e182";
static char const rsa_fpr[] = "451a 19f5 f6bf 0930 9de8 868a eb38 3bfc";

static size_t
unhex(unsigned char *out, size_t max, char const *hex)
{
	size_t n = 0;

	if (sodium_hex2bin(out, max, hex, strlen(hex), NULL, &n, NULL) != 0)
		bail("bad hex in the test");
	return n;
}

static void
check_fpr(unsigned char const *der, size_t len, char const *want,
    char const *what)
{
	unsigned char fp[RUNE_FPR_LEN];
	char text[RUNE_FPR_TEXT_LEN + 1];

	fpr_make(fp, der, len);
	fpr_fmt(text, fp);
	is_str(text, want, "%s: fingerprint as b2sum", what);
}

static void
ec(char const *hex, int curve, size_t qlen, char const *fpr, char const *what)
{
	unsigned char want[SPKI_MAX], got[SPKI_MAX], q[200];
	size_t wlen = unhex(want, sizeof want, hex), glen;

	memcpy(q, want + wlen - qlen, qlen);	/* the point ends the DER */
	glen = spki_ec(got, curve, q, qlen);
	is_bytes(got, glen, want, wlen, "%s: SPKI as openssl", what);
	check_fpr(got, glen, fpr, what);
	ok(spki_ec(got, curve, q, qlen - 1) == 0, "%s: short point refused",
	    what);
	q[0] = 0x02;
	ok(spki_ec(got, curve, q, qlen) == 0, "%s: compressed point refused",
	    what);
}

static void
rsa(void)
{
	unsigned char want[SPKI_MAX], got[SPKI_MAX], n[1100];
	unsigned char const e[] = { 0x01, 0x00, 0x01 };
	unsigned char const e0[] = { 0x00, 0x00, 0x01, 0x00, 0x01 };
	size_t wlen = unhex(want, sizeof want, rsa_der), glen;

	/* n: 256 octets after "0282010100", 5 octets before "0203010001" */
	n[0] = 0;
	memcpy(n + 1, want + wlen - 5 - 256, 256);
	glen = spki_rsa(got, n + 1, 256, e, sizeof e);
	is_bytes(got, glen, want, wlen, "rsa 2048: SPKI as openssl");
	check_fpr(got, glen, rsa_fpr, "rsa 2048");
	glen = spki_rsa(got, n, 257, e0, sizeof e0);
	is_bytes(got, glen, want, wlen, "rsa 2048: leading zeros ignored");
	ok(spki_rsa(got, n, 1, e, sizeof e) == 0, "rsa: zero modulus refused");
	ok(spki_rsa(got, n + 1, 256, e0, 2) == 0, "rsa: zero exponent refused");
	memset(n, 0xff, sizeof n);
	ok(spki_rsa(got, n, 1024, e, sizeof e) > 1024,
	    "rsa: the longest modulus taken (1024 octets) fits");
	ok(spki_rsa(got, n, 1025, e, sizeof e) == 0,
	    "rsa: a modulus over 1024 octets refused");
	ok(spki_rsa(got, n, 512, e, sizeof e) > 512,
	    "rsa: a 4096-bit modulus fits");
	n[0] = 0x7f;	/* top bit clear: no 0x00 before it */
	glen = spki_rsa(got, n, 128, e, sizeof e);
	ok(glen > 0 && got[glen - 5 - 128 - 3] == 0x02 &&
	    got[glen - 5 - 128 - 2] == 0x81 && got[glen - 5 - 128 - 1] == 128,
	    "rsa: INTEGER without sign octet");
}

int
main(void)
{
	unsigned char q[65] = { 0x04 }, out[SPKI_MAX];

	if (sodium_init() < 0)
		bail("sodium_init");
	ec(ec256_der, SPKI_CURVE_P256, 65, ec256_fpr, "ec p-256");
	ec(ec384_der, SPKI_CURVE_P384, 97, ec384_fpr, "ec p-384");
	ok(spki_ec(out, 29, q, sizeof q) == 0, "ec: unknown curve refused");
	rsa();
	return done();
}
