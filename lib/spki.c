/* spki.c: a DER encoder for the two SubjectPublicKeyInfo shapes a TLS
 * server key takes (RFC 5280 4.1, RFC 5480 for EC, RFC 8017 A.1 for
 * RSA).  Only encodes; the certificate itself is decoded by BearSSL. */
#include <string.h>

#include "spki.h"

#define TAG_INTEGER	0x02
#define TAG_BITSTRING	0x03
#define TAG_NULL	0x05
#define TAG_OID		0x06
#define TAG_SEQUENCE	0x30

/* the OID contents, without tag and length */
static unsigned char const oid_ec[] = {		/* 1.2.840.10045.2.1 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
static unsigned char const oid_p256[] = {	/* 1.2.840.10045.3.1.7 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
static unsigned char const oid_p384[] = {	/* 1.3.132.0.34 */
	0x2b, 0x81, 0x04, 0x00, 0x22 };
static unsigned char const oid_p521[] = {	/* 1.3.132.0.35 */
	0x2b, 0x81, 0x04, 0x00, 0x23 };
static unsigned char const oid_rsa[] = {	/* 1.2.840.113549.1.1.1 */
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };

static struct {
	int curve;
	unsigned char const *oid;
	size_t oidlen;
	size_t coord;		/* octets of one coordinate */
} const curves[] = {
	{ SPKI_CURVE_P256, oid_p256, sizeof oid_p256, 32 },
	{ SPKI_CURVE_P384, oid_p384, sizeof oid_p384, 48 },
	{ SPKI_CURVE_P521, oid_p521, sizeof oid_p521, 66 },
};

/* octets of a tag and a DER length for contents of len octets */
static size_t
hdr_size(size_t len)
{
	if (len < 0x80)
		return 2;
	if (len <= 0xff)
		return 3;
	return 4;		/* callers keep len below 65536 */
}

/* a writer into out[0..SPKI_MAX): every put checks the room left */
struct der {
	unsigned char *out;
	size_t pos;
	int bad;
};

static void
put(struct der *d, void const *p, size_t len)
{
	if (d->bad || len > SPKI_MAX - d->pos) {
		d->bad = 1;
		return;
	}
	memcpy(d->out + d->pos, p, len);
	d->pos += len;
}

static void
put_hdr(struct der *d, unsigned char tag, size_t len)
{
	unsigned char h[4];
	size_t n = 0;

	h[n++] = tag;
	if (len < 0x80) {
		h[n++] = (unsigned char)len;
	} else if (len <= 0xff) {
		h[n++] = 0x81;
		h[n++] = (unsigned char)len;
	} else if (len <= 0xffff) {
		h[n++] = 0x82;
		h[n++] = (unsigned char)(len >> 8);
		h[n++] = (unsigned char)len;
	} else {
		d->bad = 1;
		return;
	}
	put(d, h, n);
}

static void
put_oid(struct der *d, unsigned char const *oid, size_t len)
{
	put_hdr(d, TAG_OID, len);
	put(d, oid, len);
}

/* the bare integer v (no leading zeros, v nonzero) as DER contents:
 * a 0x00 first when its top bit is set */
static size_t
int_size(unsigned char const *v, size_t len)
{
	return len + (v[0] & 0x80 ? 1 : 0);
}

static void
put_int(struct der *d, unsigned char const *v, size_t len)
{
	static unsigned char const zero = 0;
	size_t n = int_size(v, len);

	put_hdr(d, TAG_INTEGER, n);
	if (n > len)
		put(d, &zero, 1);
	put(d, v, len);
}

size_t
spki_ec(unsigned char out[SPKI_MAX], int curve, unsigned char const *q,
    size_t qlen)
{
	struct der d = { out, 0, 0 };
	size_t i, alg, bits;

	for (i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (curves[i].curve == curve)
			break;
	if (i == sizeof curves / sizeof curves[0])
		return 0;
	if (qlen != 1 + 2 * curves[i].coord || q[0] != 0x04)
		return 0;
	alg = hdr_size(sizeof oid_ec) + sizeof oid_ec +
	    hdr_size(curves[i].oidlen) + curves[i].oidlen;
	bits = 1 + qlen;
	put_hdr(&d, TAG_SEQUENCE, hdr_size(alg) + alg + hdr_size(bits) + bits);
	put_hdr(&d, TAG_SEQUENCE, alg);
	put_oid(&d, oid_ec, sizeof oid_ec);
	put_oid(&d, curves[i].oid, curves[i].oidlen);
	put_hdr(&d, TAG_BITSTRING, bits);
	put(&d, "", 1);		/* no unused bits */
	put(&d, q, qlen);
	return d.bad ? 0 : d.pos;
}

/* skips leading zero octets; 0 when nothing is left */
static size_t
strip(unsigned char const **v, size_t len)
{
	while (len > 0 && (*v)[0] == 0) {
		(*v)++;
		len--;
	}
	return len;
}

size_t
spki_rsa(unsigned char out[SPKI_MAX], unsigned char const *n, size_t nlen,
    unsigned char const *e, size_t elen)
{
	struct der d = { out, 0, 0 };
	size_t alg, ints, key, bits;

	nlen = strip(&n, nlen);
	elen = strip(&e, elen);
	if (nlen == 0 || elen == 0 || nlen > 1024 || elen > 1024)
		return 0;
	alg = hdr_size(sizeof oid_rsa) + sizeof oid_rsa + 2;	/* NULL */
	ints = hdr_size(int_size(n, nlen)) + int_size(n, nlen) +
	    hdr_size(int_size(e, elen)) + int_size(e, elen);
	key = hdr_size(ints) + ints;
	bits = 1 + key;
	put_hdr(&d, TAG_SEQUENCE, hdr_size(alg) + alg + hdr_size(bits) + bits);
	put_hdr(&d, TAG_SEQUENCE, alg);
	put_oid(&d, oid_rsa, sizeof oid_rsa);
	put_hdr(&d, TAG_NULL, 0);
	put_hdr(&d, TAG_BITSTRING, bits);
	put(&d, "", 1);
	put_hdr(&d, TAG_SEQUENCE, ints);
	put_int(&d, n, nlen);
	put_int(&d, e, elen);
	return d.bad ? 0 : d.pos;
}
