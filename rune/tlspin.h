/* tlspin.h: the pinning X.509 engine of the client's TLS connection
 * (spec 9, 13.4): the server's leaf key must have the pinned fingerprint. */
#ifndef TLSPIN_H
#define TLSPIN_H

#include <bearssl.h>
#include "rune.h"

/* an X.509 engine for br_ssl_engine_set_x509(eng, &p->vtable) */
struct tlspin {
	br_x509_class const *vtable;	/* first, as BearSSL requires */
	br_x509_decoder_context dec;
	unsigned ncert;
	unsigned char const *pin;	/* NULL: take any key */
	unsigned char seen[RUNE_FPR_LEN];	/* the leaf key's pin */
	int have_seen;
	int mismatch;			/* 1: seen is not pin */
};

/* sets p up: the leaf's key must have the fingerprint pin (NULL: any
 * key is taken, and seen tells which) */
void tlspin_init(struct tlspin *p, unsigned char const *pin);

#endif
