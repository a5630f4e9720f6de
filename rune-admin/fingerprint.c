/* fingerprint.c: what a client pins for a domain (spec 9, 13.4): the
 * server's RUNE key and the TLS certificate's public key, and the
 * "rune-admin fingerprint" command that prints them.  The TLS pin is
 * computed by lib/certfpr.c, as the client computes it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "afile.h"
#include "cmd.h"
#include "conf.h"
#include "die.h"
#include "root.h"
#include "certfpr.h"
#include "fingerprint.h"
#include "fpr.h"
#include "key.h"
#include "tlspem.h"
#include "serverkey.h"

#define USAGE "rune-admin fingerprint [--root DIR]"

/* the server's public key, its halves checked (lib/serverkey.c) */
static int
server_pk(unsigned char pk[RUNE_PK_LEN], char const *root)
{
	unsigned char sk[RUNE_SK_LEN];
	int code = serverkey_load(sk, pk, root);

	sodium_memzero(sk, sizeof sk);
	return code == 0;
}

int
fingerprint_read(struct fingerprints *f, char const *root)
{
	static struct tlspem_chain c;
	unsigned char pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char path[4096];
	int n;

	if (!server_pk(pk, root))
		return 0;
	key_fmt(f->key, pk);
	fpr_make(fp, pk, sizeof pk);
	fpr_fmt(f->server, fp);
	n = snprintf(path, sizeof path, "%s/tls/cert.pem", root);
	if (n < 0 || (size_t)n >= sizeof path) {
		warn("path too long: %s", root);
		return 0;
	}
	if (!tlspem_chain(&c, path))
		return 0;
	if (!certfpr_der(fp, c.cert[0].data, c.cert[0].data_len)) {
		warn("%s: no EC or RSA public key in its certificate", path);
		return 0;
	}
	fpr_fmt(f->tls, fp);
	return 1;
}

int
fingerprint_print(struct fingerprints const *f)
{
	if (printf("domain %s\n", f->domain) < 0 ||
	    printf("server-key %s\n", f->key) < 0 ||
	    printf("server-key-fingerprint %s\n", f->server) < 0 ||
	    printf("tls-key-fingerprint %s\n", f->tls) < 0 ||
	    fflush(stdout) != 0)
		return 0;
	return 1;
}

int
cmd_fingerprint(int argc, char **argv)
{
	struct conf c;
	struct fingerprints f;

	admin_root_only(&c, argc, argv, USAGE);
	memset(&f, 0, sizeof f);
	memcpy(f.domain, c.domain, sizeof f.domain);
	if (!fingerprint_read(&f, c.root))
		die(RUNE_EXIT_TEMP, "unable to read the keys of %s", c.root);
	if (!fingerprint_print(&f))
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}
