/* tlsbin.h: tls/tls.bin, the TLS certificate chain and private key
 * pre-decoded from tls/cert.pem and tls/key.pem, so that a session does
 * not run BearSSL's PEM and key decoders (doc/performance.md, "PEM
 * decoding per session").  rune-admin init and setup write it (0600,
 * atomically, owned as key.pem: doc/privsep.md); rune-session loads it
 * when it was made from the PEM files as they are now, else decodes the
 * PEM files and says that tls.bin is stale.
 *
 * The file: "RUNETLS1", check (32: BLAKE2b-256 of "RUNE tls.bin 1" ||
 * be8 |cert.pem| || cert.pem || be8 |key.pem| || key.pem), n (1 octet,
 * 1..TLSPEM_CHAIN_MAX), n times (be4 length, the certificate's DER), the
 * key type (1 octet, BR_KEYTYPE_RSA or BR_KEYTYPE_EC), then for EC: be4
 * curve, be4 length, x; for RSA: be4 n_bitlen, then p, q, dp, dq, iq,
 * each be4 length and octets.  Nothing after. */
#ifndef TLSBIN_H
#define TLSBIN_H

#include <stddef.h>
#include <bearssl.h>

#include "tlspem.h"

#define TLSBIN_NAME	"tls.bin"
#define TLSBIN_MAX	(8 + 32 + 1 + TLSPEM_CHAIN_MAX * 4 + TLSPEM_DER_MAX + \
			    1 + 4 + 5 * 4 + TLSPEM_KEYDER_MAX)

/* a private key, its octets in buf (secret) */
struct tlsbin_key {
	int type;		/* BR_KEYTYPE_EC or BR_KEYTYPE_RSA */
	br_ec_private_key ec;
	br_rsa_private_key rsa;
	unsigned char buf[TLSPEM_KEYDER_MAX];
};

/* the PEM files certfile and keyfile decoded (lib/tlspem.c) and written
 * as tls.bin into out[0..TLSBIN_MAX), *len set; 1 done, 0 failed (a
 * message says why).  out holds the private key: wipe it. */
int tlsbin_make(unsigned char *out, size_t *len, char const *certfile,
    char const *keyfile);

/* binfile into c and k when its check is that of certfile and keyfile
 * as they are now: 1 loaded; 0 binfile absent; -1 stale (the PEM files
 * changed since it was made), malformed or unreadable, *why says which
 * (nothing loaded: decode the PEM files) */
int tlsbin_load(struct tlspem_chain *c, struct tlsbin_key *k,
    char const *binfile, char const *certfile, char const *keyfile,
    char const **why);

/* wipes k */
void tlsbin_key_wipe(struct tlsbin_key *k);

#endif
