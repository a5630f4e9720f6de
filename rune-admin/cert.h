/* cert.h: the domain's TLS certificate and key files. */
#ifndef CERT_H
#define CERT_H

/* makes dir/key.pem (0600) and dir/cert.pem: a self-signed ECDSA P-256
 * certificate for CN=domain, valid 10 years; 1 done, 0 failed */
int cert_make(char const *dir, char const *domain);

/* copies the admin's PEM chain and key into dir/cert.pem and
 * dir/key.pem (0600) after checking that they match and that the key is
 * EC P-256 or RSA; 1 done, 0 failed (a message printed) */
int cert_copy(char const *dir, char const *certfile, char const *keyfile);

/* writes dir/tls.bin (0600, atomically): dir/cert.pem and dir/key.pem
 * pre-decoded for the sessions (lib/tlsbin.h); 1 done, 0 failed (a
 * message printed) */
int cert_predecode(char const *dir);

#endif
