/* serverkey.c: loads secret/server.key and checks its two halves. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "serverkey.h"

int
serverkey_load(unsigned char sk[RUNE_SK_LEN], unsigned char pk[RUNE_PK_LEN],
    char const *root)
{
	unsigned char buf[RUNE_SK_LEN + 1], sk2[RUNE_SK_LEN];
	char path[4200];
	size_t len = 0;
	int n, r, code = RUNE_EXIT_PERM;

	n = snprintf(path, sizeof path, "%s/%s", root, SERVERKEY_FILE);
	if (n < 0 || (size_t)n >= sizeof path) {
		warn("path too long: %s/%s", root, SERVERKEY_FILE);
		return RUNE_EXIT_PERM;
	}
	r = afile_read(path, buf, sizeof buf, &len);
	if (r == 0)
		errno = ENOENT;
	if (r != 1) {
		warn_sys("unable to read %s", path);
		code = RUNE_EXIT_TEMP;
	} else if (len != RUNE_SK_LEN)
		warn("%s is not a server key (not %d octets)", path,
		    RUNE_SK_LEN);
	else if (crypto_sign_seed_keypair(pk, sk2, buf) != 0 ||
	    sodium_memcmp(sk2, buf, RUNE_SK_LEN) != 0)
		warn("%s is damaged (its public half does not match its "
		    "seed)", path);
	else {
		memcpy(sk, buf, RUNE_SK_LEN);
		code = 0;
	}
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(sk2, sizeof sk2);
	if (code != 0)
		sodium_memzero(sk, RUNE_SK_LEN);
	return code;
}
