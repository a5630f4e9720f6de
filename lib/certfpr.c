/* certfpr.c: the TLS pin of a public key, a certificate or a private
 * key's public half: BLAKE2b of the DER SPKI (lib/fpr.c, lib/spki.c). */
#include <string.h>

#include <bearssl.h>
#include <sodium.h>

#include "certfpr.h"
#include "fpr.h"
#include "spki.h"
#include "tlspem.h"

int
certfpr_pkey(unsigned char fp[RUNE_FPR_LEN], br_x509_pkey const *k)
{
	unsigned char der[SPKI_MAX];
	size_t len = 0;

	if (k->key_type == BR_KEYTYPE_EC)
		len = spki_ec(der, k->key.ec.curve, k->key.ec.q,
		    k->key.ec.qlen);
	else if (k->key_type == BR_KEYTYPE_RSA)
		len = spki_rsa(der, k->key.rsa.n, k->key.rsa.nlen,
		    k->key.rsa.e, k->key.rsa.elen);
	if (len == 0)
		return 0;
	fpr_make(fp, der, len);
	return 1;
}

int
certfpr_der(unsigned char fp[RUNE_FPR_LEN], unsigned char const *der,
    size_t len)
{
	br_x509_decoder_context d;
	br_x509_pkey const *k;

	return tlspem_cert_pkey(&d, &k, der, len) && certfpr_pkey(fp, k);
}

/* the PEM decoder's sink: the certificate's DER octets into the decoder */
static void
pem_to_x509(void *ctx, void const *buf, size_t len)
{
	br_x509_decoder_push(ctx, buf, len);
}

int
certfpr_pem(unsigned char fp[RUNE_FPR_LEN], char const *pem, size_t len)
{
	br_pem_decoder_context pc;
	br_x509_decoder_context dec;
	br_x509_pkey const *k;
	int in_cert = 0;

	br_pem_decoder_init(&pc);
	br_x509_decoder_init(&dec, 0, 0);
	while (len > 0) {
		size_t n = br_pem_decoder_push(&pc, pem, len);

		pem += n;
		len -= n;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			in_cert = strcmp(br_pem_decoder_name(&pc),
			    "CERTIFICATE") == 0;
			br_pem_decoder_setdest(&pc, in_cert ? pem_to_x509 : 0,
			    in_cert ? &dec : 0);
			break;
		case BR_PEM_END_OBJ:
			if (in_cert) {
				k = br_x509_decoder_get_pkey(&dec);
				return k != NULL && certfpr_pkey(fp, k);
			}
			break;
		case BR_PEM_ERROR:
			return 0;
		default:
			break;
		}
	}
	return 0;
}

int
certfpr_skey(unsigned char fp[RUNE_FPR_LEN],
    br_skey_decoder_context const *k, unsigned char const *pub_e,
    size_t elen)
{
	unsigned char q[BR_EC_KBUF_PUB_MAX_SIZE], n[1024];
	br_x509_pkey p;
	br_rsa_private_key const *rk;
	br_ec_private_key const *ek;
	size_t len;
	int ok = 0;

	memset(&p, 0, sizeof p);
	switch (br_skey_decoder_key_type(k)) {
	case BR_KEYTYPE_EC:
		ek = br_skey_decoder_get_ec(k);
		len = br_ec_compute_pub(br_ec_get_default(), NULL, NULL, ek);
		if (len == 0 || len > sizeof q ||
		    br_ec_compute_pub(br_ec_get_default(), NULL, q, ek) != len)
			break;
		p.key_type = BR_KEYTYPE_EC;
		p.key.ec.curve = ek->curve;
		p.key.ec.q = q;
		p.key.ec.qlen = len;
		ok = certfpr_pkey(fp, &p);
		break;
	case BR_KEYTYPE_RSA:
		rk = br_skey_decoder_get_rsa(k);
		len = br_rsa_compute_modulus_get_default()(NULL, rk);
		if (len == 0 || len > sizeof n ||
		    br_rsa_compute_modulus_get_default()(n, rk) != len)
			break;
		p.key_type = BR_KEYTYPE_RSA;
		p.key.rsa.n = n;
		p.key.rsa.nlen = len;
		p.key.rsa.e = (unsigned char *)pub_e;
		p.key.rsa.elen = elen;
		ok = certfpr_pkey(fp, &p);
		break;
	}
	sodium_memzero(q, sizeof q);
	return ok;
}
