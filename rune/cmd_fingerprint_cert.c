/* cmd_fingerprint_cert.c: "rune fingerprint-cert CERT.pem": the TLS
 * fingerprint a client pins for a certificate (13.4), to compare with
 * what an administrator publishes, and without any connection. */
#include <stdio.h>

#include "afile.h"
#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "fpr.h"
#include "show.h"
#include "tls.h"

#define PEM_MAX 65536

int
cmd_fingerprint_cert(struct cli *c, int argc, char **argv)
{
	static char pem[PEM_MAX];
	unsigned char fp[RUNE_FPR_LEN];
	char text[RUNE_FPR_TEXT_LEN + 1];
	size_t len = 0;
	int r;

	(void)c;
	if (argc != 2)
		die_usage("rune fingerprint-cert CERT.pem");
	r = afile_read(argv[1], pem, sizeof pem, &len);
	if (r == 0)
		die(RUNE_EXIT_PERM, "%s: no such file", argv[1]);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", argv[1]);
	if (!tls_pem_fpr(fp, pem, len))
		die(RUNE_EXIT_PERM, "%s: no certificate with an EC (P-256, "
		    "P-384, P-521) or RSA key", argv[1]);
	fpr_fmt(text, fp);
	show_printf("%s\n", text);
	show_flush();
	return RUNE_EXIT_OK;
}
