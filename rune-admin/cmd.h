/* cmd.h: the subcommands of rune-admin and the helpers they share.
 *
 * A new subcommand is one line in the table of rune-admin.c and a
 * function cmd_NAME in a file of its own, declared here. */
#ifndef CMD_H
#define CMD_H

#include <stddef.h>
#include "rune.h"

/* a subcommand: argv[0] is its name; returns the exit code (or dies);
 * bad usage: die_usage("rune-admin NAME ...") */
typedef int (*cmd_fn)(int argc, char **argv);

/* rune-admin init DIR DOMAIN [options]: creates a domain directory */
int cmd_init(int argc, char **argv);

/* rune-admin fingerprint [--root DIR]: prints the domain's fingerprints */
int cmd_fingerprint(int argc, char **argv);

/* the seconds a child program (openssl) may run */
#define RUN_DEADLINE 60

/* runs argv (argv[0] an absolute path) with a fresh environment, stdin
 * /dev/null, umask 077; its stdout goes into out[0..max) (*len set) or,
 * when out is 0, is dropped; its stderr is shown when it fails.
 * Returns 1 when it exited 0, 0 otherwise (a message printed) */
int run_cmd(char const *const *argv, unsigned char *out, size_t max,
    size_t *len);

/* the absolute path of openssl: $RUNE_OPENSSL or /usr/bin/openssl */
char const *run_openssl(void);

#define PUBKEY_MAX 2048	/* octets of a DER SubjectPublicKeyInfo we accept */

enum pubkey_kind { PUBKEY_OTHER = 0, PUBKEY_P256, PUBKEY_RSA };

/* the DER SubjectPublicKeyInfo of the certificate (leaf) in path, through
 * openssl; 1 done (*len set), 0 failed (a message printed) */
int pubkey_of_cert(char const *path, unsigned char der[PUBKEY_MAX],
    size_t *len);

/* as pubkey_of_cert, for the public half of the private key in path */
int pubkey_of_key(char const *path, unsigned char der[PUBKEY_MAX], size_t *len);

/* the kind of key a DER SubjectPublicKeyInfo holds */
enum pubkey_kind pubkey_kind(unsigned char const *der, size_t len);

/* makes dir/key.pem (0600) and dir/cert.pem: a self-signed ECDSA P-256
 * certificate for CN=domain, valid 10 years; 1 done, 0 failed */
int cert_make(char const *dir, char const *domain);

/* copies the admin's PEM chain and key into dir/cert.pem and
 * dir/key.pem (0600) after checking that they match and that the key is
 * EC P-256 or RSA; 1 done, 0 failed (a message printed) */
int cert_copy(char const *dir, char const *certfile, char const *keyfile);

/* what a client pins for a domain */
struct fprs {
	char domain[RUNE_ADDR_PART_MAX + 1];
	char key[RUNE_KEY_TEXT_LEN + 1];	/* server key text */
	char server[RUNE_FPR_TEXT_LEN + 1];	/* its fingerprint */
	char tls[RUNE_FPR_TEXT_LEN + 1];	/* the TLS SPKI's fingerprint */
};

/* reads root/secret/server.key and root/tls/cert.pem into f (domain
 * left as it is); 1 done, 0 failed (a message printed) */
int fprs_read(struct fprs *f, char const *root);

/* prints f on stdout as "name value" lines; 1 done, 0 write failed */
int fprs_print(struct fprs const *f);

#endif
