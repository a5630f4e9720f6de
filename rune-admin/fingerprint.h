/* fingerprint.h: what a client pins for a domain (spec 9, 13.4). */
#ifndef FINGERPRINT_H
#define FINGERPRINT_H

#include "rune.h"

/* what a client pins for a domain */
struct fingerprints {
	char domain[RUNE_ADDR_PART_MAX + 1];
	char key[RUNE_KEY_TEXT_LEN + 1];	/* server key text */
	char server[RUNE_FPR_TEXT_LEN + 1];	/* its fingerprint */
	char tls[RUNE_FPR_TEXT_LEN + 1];	/* the TLS SPKI's fingerprint */
};

/* reads root/secret/server.key and root/tls/cert.pem into f (domain
 * left as it is); 1 done, 0 failed (a message printed) */
int fingerprint_read(struct fingerprints *f, char const *root);

/* prints f on stdout as "name value" lines; 1 done, 0 write failed */
int fingerprint_print(struct fingerprints const *f);

#endif
