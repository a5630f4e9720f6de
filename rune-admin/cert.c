/* cert.c: the domain's TLS certificate and key (tls/cert.pem, tls/key.pem):
 * made self-signed by openssl (its only use), or copied from the
 * administrator's; BearSSL checks that they belong together. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "cert.h"
#include "die.h"
#include "certfpr.h"
#include "tlsbin.h"
#include "tlspem.h"
#include "tool.h"
#include "rune.h"

#define CERT_MAX 65536		/* octets of a certificate chain */
#define KEY_MAX 16384		/* octets of a PEM private key */
#define PATH_MAX_ 4096

/* 1: s[0..n) holds the string w */
static int
has(char const *s, size_t n, char const *w)
{
	size_t k = strlen(w), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			return 1;
	return 0;
}

/* "dir/name" into out; 0 when too long */
static int
path_of(char *out, char const *dir, char const *name)
{
	int n = snprintf(out, PATH_MAX_, "%s/%s", dir, name);

	if (n < 0 || n >= PATH_MAX_) {
		warn("path too long: %s/%s", dir, name);
		return 0;
	}
	return 1;
}

/* path, its links resolved (the admin's files may be links, e.g.
 * certbot's live/), into out[PATH_MAX_] */
static char const *
resolved(char *out, char const *path)
{
	return realpath(path, out) ? out : path;
}

/* 1: the certificate and the key in these files hold the same public
 * key, EC P-256 or RSA; 0 otherwise (a message printed).  BearSSL reads
 * both (lib/tlspem.c) and the pins of the two are compared
 * (lib/certfpr.c): for RSA that compares the moduli */
static int
check_pair(char const *cert, char const *key)
{
	static struct tlspem_chain c;
	static br_skey_decoder_context k;
	char rc[PATH_MAX_], rk[PATH_MAX_];
	unsigned char fc[RUNE_FPR_LEN], fk[RUNE_FPR_LEN];
	br_x509_decoder_context d;
	br_x509_pkey const *pk;
	int ok;

	cert = resolved(rc, cert);
	key = resolved(rk, key);
	if (!tlspem_chain(&c, cert))
		return 0;
	if (!tlspem_cert_pkey(&d, &pk, c.cert[0].data, c.cert[0].data_len) ||
	    !certfpr_pkey(fc, pk)) {
		warn("%s: no public key in its certificate", cert);
		return 0;
	}
	if (pk->key_type != BR_KEYTYPE_RSA && (pk->key_type !=
	    BR_KEYTYPE_EC || pk->key.ec.curve != BR_EC_secp256r1)) {
		warn("the key of %s is neither EC P-256 nor RSA", cert);
		return 0;
	}
	if (!tlspem_key(&k, key))
		return 0;
	ok = pk->key_type == BR_KEYTYPE_RSA ?
	    certfpr_skey(fk, &k, pk->key.rsa.e, pk->key.rsa.elen) :
	    certfpr_skey(fk, &k, NULL, 0);
	ok = ok && sodium_memcmp(fc, fk, sizeof fc) == 0;
	sodium_memzero(&k, sizeof k);
	if (!ok)
		warn("the key %s does not belong to the certificate %s", key,
		    cert);
	return ok;
}

/* makes path an empty file, 0600, that no one else can have opened */
static int
key_precreate(char const *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);

	if (fd < 0 || fchmod(fd, 0600) < 0) {
		warn_sys("unable to create %s", path);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (close(fd) < 0) {
		warn_sys("unable to create %s", path);
		return 0;
	}
	return 1;
}

/* syncs a file openssl wrote, and sets its mode; 1 done, 0 failed */
static int
seal_file(char const *path, mode_t mode)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		warn_sys("unable to secure %s", path);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if (close(fd) < 0) {
		warn_sys("unable to secure %s", path);
		return 0;
	}
	return 1;
}

int
cert_make(char const *dir, char const *domain)
{
	char key[PATH_MAX_], cert[PATH_MAX_], subj[RUNE_ADDR_PART_MAX + 8];
	char const *argv[] = { tool_openssl(), "req", "-x509", "-batch",
	    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
	    "-sha256", "-nodes", "-days", "3650", "-subj", subj,
	    "-keyout", key, "-out", cert, 0 };
	int n;

	n = snprintf(subj, sizeof subj, "/CN=%s", domain);
	if (n < 0 || (size_t)n >= sizeof subj)
		return warn("domain too long"), 0;
	if (!path_of(key, dir, "key.pem") || !path_of(cert, dir, "cert.pem"))
		return 0;
	if (!key_precreate(key))
		return 0;
	if (!tool_run(argv, 0, 0, 0))
		return 0;
	if (!seal_file(key, 0600) || !seal_file(cert, 0644) ||
	    !afile_sync_dir(dir))
		return 0;
	return check_pair(cert, key);
}

/* reads path (following links: the admin's files) into buf[0..max);
 * 1 done, 0 failed (a message printed) */
static int
read_in(char const *path, char *buf, size_t max, size_t *len)
{
	int r = afile_read(path, buf, max, len);

	if (r == 1)
		return 1;
	if (r == 0)
		errno = ENOENT;
	else if (errno == ELOOP) {
		/* afile_read refuses links; the admin's paths may be links
		 * (e.g. certbot's live/), so resolve the name first */
		char real[PATH_MAX_];

		if (realpath(path, real) && afile_read(real, buf, max,
		    len) == 1)
			return 1;
	}
	warn_sys("unable to read %s", path);
	return 0;
}

int
cert_copy(char const *dir, char const *certfile, char const *keyfile)
{
	char c[CERT_MAX];
	char k[KEY_MAX];
	size_t cl, kl;
	int ok = 0;

	if (!check_pair(certfile, keyfile))
		return 0;
	if (!read_in(certfile, c, sizeof c, &cl))
		return 0;
	if (!has(c, cl, "-----BEGIN CERTIFICATE-----")) {
		warn("%s holds no PEM certificate", certfile);
		return 0;
	}
	if (!read_in(keyfile, k, sizeof k, &kl))
		goto done;
	if (!has(k, kl, "PRIVATE KEY-----") || has(k, kl, "ENCRYPTED")) {
		warn("%s holds no unencrypted PEM private key", keyfile);
		goto done;
	}
	if (!afile_create(dir, "cert.pem", c, cl, 0644)) {
		warn_sys("unable to write %s/cert.pem", dir);
		goto done;
	}
	if (!afile_create(dir, "key.pem", k, kl, 0600)) {
		warn_sys("unable to write %s/key.pem", dir);
		goto done;
	}
	ok = 1;
done:
	sodium_memzero(k, sizeof k);
	return ok;
}

int
cert_predecode(char const *dir)
{
	static unsigned char bin[TLSBIN_MAX];
	char key[PATH_MAX_], cert[PATH_MAX_];
	size_t len = 0;
	int ok = 0;

	if (!path_of(key, dir, "key.pem") || !path_of(cert, dir, "cert.pem"))
		return 0;
	if (!tlsbin_make(bin, &len, cert, key))
		goto done;
	if (!afile_write(dir, TLSBIN_NAME, bin, len, 0600)) {
		warn_sys("unable to write %s/%s", dir, TLSBIN_NAME);
		goto done;
	}
	ok = 1;
done:
	sodium_memzero(bin, sizeof bin);
	return ok;
}
