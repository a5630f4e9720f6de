/* certfpr.h: the TLS pin (13.4): the fingerprint of the DER
 * SubjectPublicKeyInfo of a certificate's public key, computed in one
 * place for the client (which pins it) and rune-admin (which prints it):
 * the SPKI is rebuilt from BearSSL's decoded key (lib/spki.c). */
#ifndef CERTFPR_H
#define CERTFPR_H

#include <stddef.h>
#include <bearssl.h>
#include "rune.h"

/* the pin of the public key k; 1 done, 0 a key type or curve the SPKI
 * encoder does not know (EC P-256, P-384, P-521 and RSA it does) */
int certfpr_pkey(unsigned char fp[RUNE_FPR_LEN], br_x509_pkey const *k);

/* the pin of the certificate der[0..len); 1 done, 0 not one we read */
int certfpr_der(unsigned char fp[RUNE_FPR_LEN], unsigned char const *der,
    size_t len);

/* the pin of the first CERTIFICATE in the PEM text pem[0..len) */
int certfpr_pem(unsigned char fp[RUNE_FPR_LEN], char const *pem,
    size_t len);

/* the pin of the public half of the private key k (an RSA key's public
 * exponent is taken from pub_e[0..elen), which the private key's decoder
 * does not keep); 1 done, 0 not a key we can encode */
int certfpr_skey(unsigned char fp[RUNE_FPR_LEN],
    br_skey_decoder_context const *k, unsigned char const *pub_e,
    size_t elen);

#endif
