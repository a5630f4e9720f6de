/* pubkey.h: the DER SubjectPublicKeyInfo of a certificate or a key,
 * through openssl. */
#ifndef PUBKEY_H
#define PUBKEY_H

#include <stddef.h>

#define PUBKEY_MAX 2048	/* octets of a DER SubjectPublicKeyInfo we accept */

enum pubkey_kind { PUBKEY_OTHER = 0, PUBKEY_P256, PUBKEY_RSA };

/* the DER SubjectPublicKeyInfo of the certificate (leaf) in path, through
 * openssl; 1 done (*len set), 0 failed (a message printed) */
int pubkey_of_cert(char const *path, unsigned char der[PUBKEY_MAX],
    size_t *len);

/* as pubkey_of_cert, for the public half of the private key in path */
int pubkey_of_key(char const *path, unsigned char der[PUBKEY_MAX],
    size_t *len);

/* the kind of key a DER SubjectPublicKeyInfo holds */
enum pubkey_kind pubkey_kind(unsigned char const *der, size_t len);

#endif
