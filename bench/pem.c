/* pem.c CERT KEY N: what rune-session pays per session for its TLS
 * certificate chain and key in PEM (lib/tlspem.c), against the
 * pre-decoded tls.bin (lib/tlsbin.c: it reads and hashes both PEM files
 * to see that it is theirs, then the file), and against reading the two
 * PEM files only (afile_read).  Prints microseconds per session for
 * each, CPU time (CLOCK_PROCESS_CPUTIME_ID) over N rounds.  bench/pem.sh
 * runs it; never a test. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <bearssl.h>

#include "afile.h"
#include "tlsbin.h"
#include "tlspem.h"

static double
now(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		exit(1);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int
main(int argc, char **argv)
{
	static struct tlspem_chain c;
	static br_skey_decoder_context k;
	static unsigned char buf[TLSPEM_FILE_MAX], bin[TLSBIN_MAX];
	static struct tlsbin_key bk;
	char const *why = "";
	char binfile[] = "/tmp/rune-bench-pem.XXXXXX";
	size_t len;
	long i, n;
	double t0, t1, t2, t3;
	int fd;

	if (argc != 4 || (n = atol(argv[3])) <= 0) {
		fprintf(stderr, "usage: pem CERT KEY N\n");
		return 2;
	}
	t0 = now();
	for (i = 0; i < n; i++)
		if (!tlspem_chain(&c, argv[1]) || !tlspem_key(&k, argv[2]))
			return 1;
	t1 = now();
	for (i = 0; i < n; i++)
		if (afile_read(argv[1], buf, sizeof buf, &len) != 1 ||
		    afile_read(argv[2], buf, sizeof buf, &len) != 1)
			return 1;
	t2 = now();
	if (!tlsbin_make(bin, &len, argv[1], argv[2]) ||
	    (fd = mkstemp(binfile)) < 0 || write(fd, bin, len) != (ssize_t)len ||
	    close(fd) != 0)
		return 1;
	for (i = 0; i < n; i++)
		if (tlsbin_load(&c, &bk, binfile, argv[1], argv[2], &why) != 1)
			return unlink(binfile), 1;
	t3 = now();
	(void)unlink(binfile);
	printf("chain of %zu (%zu octets of DER), key type %d: PEM read and "
	    "decoded %.1f us per session; tls.bin checked and loaded %.1f us; "
	    "the two PEM files only read %.1f us\n",
	    c.n, c.derlen, br_skey_decoder_key_type(&k), (t1 - t0) / n,
	    (t3 - t2) / n, (t2 - t1) / n);
	return 0;
}
