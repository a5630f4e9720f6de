/* pubkey.c: the DER SubjectPublicKeyInfo of a certificate or a key, got
 * from openssl as a PEM "PUBLIC KEY" (which is exactly the DER SPKI in
 * base64) and decoded here with libsodium. */
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "pubkey.h"
#include "tool.h"

#define PEM_MAX (PUBKEY_MAX / 3 * 4 + PUBKEY_MAX / 48 + 256)

static char const pem_begin[] = "-----BEGIN PUBLIC KEY-----\n";
static char const pem_end[] = "-----END PUBLIC KEY-----";

/* the P-256 SPKI: SEQUENCE, algorithm id-ecPublicKey + prime256v1,
 * BIT STRING of 66 octets (0 unused bits, 0x04, X, Y) */
static unsigned char const p256_head[] = {
	0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d,
	0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01,
	0x07, 0x03, 0x42, 0x00, 0x04,
};
#define P256_SPKI_LEN 91

/* AlgorithmIdentifier rsaEncryption, NULL parameters */
static unsigned char const rsa_alg[] = {
	0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
	0x01, 0x01, 0x05, 0x00,
};

/* decodes the PEM public key in pem[0..n) into der; 1 done, 0 not one */
static int
pem_decode(unsigned char *der, size_t *len, char const *pem, size_t n)
{
	size_t bl = sizeof pem_begin - 1, el = sizeof pem_end - 1;
	size_t i, body;

	if (n < bl || memcmp(pem, pem_begin, bl) != 0)
		return 0;
	for (i = bl; i + el <= n; i++)
		if (memcmp(pem + i, pem_end, el) == 0)
			break;
	if (i + el > n)
		return 0;
	body = i - bl;
	return sodium_base642bin(der, PUBKEY_MAX, pem + bl, body, "\r\n", len,
	    0, sodium_base64_VARIANT_ORIGINAL) == 0 && *len > 0;
}

/* runs argv, which prints a PEM public key, and decodes it */
static int
pubkey_run(char const *const *argv, char const *path, unsigned char *der,
    size_t *len)
{
	unsigned char pem[PEM_MAX];
	size_t n;

	if (!tool_run(argv, pem, sizeof pem, &n))
		return 0;
	if (!pem_decode(der, len, (char const *)pem, n)) {
		warn("no public key in %s", path);
		return 0;
	}
	return 1;
}

int
pubkey_of_cert(char const *path, unsigned char der[PUBKEY_MAX], size_t *len)
{
	char const *argv[] = { tool_openssl(), "x509", "-in", path, "-noout",
	    "-pubkey", 0 };

	return pubkey_run(argv, path, der, len);
}

int
pubkey_of_key(char const *path, unsigned char der[PUBKEY_MAX], size_t *len)
{
	/* an empty passphrase: an encrypted key fails at once, no prompt */
	char const *argv[] = { tool_openssl(), "pkey", "-in", path, "-pubout",
	    "-passin", "pass:", 0 };

	return pubkey_run(argv, path, der, len);
}

enum pubkey_kind
pubkey_kind(unsigned char const *der, size_t len)
{
	size_t h, body;

	if (len == P256_SPKI_LEN &&
	    memcmp(der, p256_head, sizeof p256_head) == 0)
		return PUBKEY_P256;
	/* SEQUENCE with a 1-, 2- or 3-octet length covering the rest */
	if (len < 2 || der[0] != 0x30)
		return PUBKEY_OTHER;
	if (der[1] < 0x80) {
		h = 2;
		body = der[1];
	} else if (der[1] == 0x81 && len >= 3) {
		h = 3;
		body = der[2];
	} else if (der[1] == 0x82 && len >= 4) {
		h = 4;
		body = (size_t)der[2] << 8 | der[3];
	} else
		return PUBKEY_OTHER;
	if (body != len - h || body < sizeof rsa_alg)
		return PUBKEY_OTHER;
	if (memcmp(der + h, rsa_alg, sizeof rsa_alg) == 0)
		return PUBKEY_RSA;
	return PUBKEY_OTHER;
}
