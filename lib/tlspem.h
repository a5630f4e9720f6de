/* tlspem.h: a TLS certificate chain and its private key from PEM files
 * (BearSSL's decoders), for rune-session (which serves them) and
 * rune-admin (which checks that they belong together). */
#ifndef TLSPEM_H
#define TLSPEM_H

#include <stddef.h>
#include <bearssl.h>

#define TLSPEM_FILE_MAX		65536	/* a PEM file */
#define TLSPEM_CHAIN_MAX	8	/* certificates in the chain */
#define TLSPEM_DER_MAX		32768	/* all DER of the chain */
#define TLSPEM_KEYDER_MAX	8192	/* the DER of a private key */

struct tlspem_chain {
	br_x509_certificate cert[TLSPEM_CHAIN_MAX];	/* leaf first */
	size_t n;
	unsigned char der[TLSPEM_DER_MAX];
	size_t derlen;
};

/* the CERTIFICATE objects of the PEM file path into c, in their order;
 * 1 done (at least one), 0 failed (a message says why) */
int tlspem_chain(struct tlspem_chain *c, char const *path);

/* the first PRIVATE KEY object of the PEM file path, decoded into k (EC
 * or RSA); the file's octets and the key's DER are wiped.  1 done, 0
 * failed (a message says why) */
int tlspem_key(br_skey_decoder_context *k, char const *path);

/* the public key of the certificate der[0..len) into *pk, its parts in
 * d (which must outlive *pk); 1 done, 0 not a certificate BearSSL reads */
int tlspem_cert_pkey(br_x509_decoder_context *d, br_x509_pkey const **pk,
    unsigned char const *der, size_t len);

#endif
