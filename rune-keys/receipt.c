/* receipt.c: a session authenticated by REGISTER has no signature of
 * its client to show when the client then sends UNREGISTER.  So
 * register hands the session a receipt, a MAC under a key only rune-keys
 * reads (keys/receipt.key, 0600) of the address and the key it
 * registered; unregister accepts it instead of a login proof
 * (doc/privsep.md).  A session gets receipts only for the registrations
 * it made. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "keys.h"

#define RECEIPT_KEY_NAME "receipt.key"

/* the receipt key into k, made when missing and make is set (the
 * caller holds keys/lock, so of two first registrations one makes it);
 * 1 done, 0 missing */
static int
receipt_key(char const *root, unsigned char k[RECEIPT_LEN], int make)
{
	char dir[1100], path[1200];
	size_t len;
	int r;

	if (snprintf(dir, sizeof dir, "%s/keys", root) >= (int)sizeof dir ||
	    snprintf(path, sizeof path, "%s/" RECEIPT_KEY_NAME, dir) >=
	    (int)sizeof path)
		die(RUNE_EXIT_PERM, "RUNE_ROOT too long");
	r = afile_read(path, k, RECEIPT_LEN, &len);
	if (r == 1 && len == RECEIPT_LEN)
		return 1;
	if (r != 0)
		die(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (!make)
		return 0;
	randombytes_buf(k, RECEIPT_LEN);
	if (!afile_write(dir, RECEIPT_KEY_NAME, k, RECEIPT_LEN, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s", path);
	return 1;
}

static void
mac(unsigned char out[RECEIPT_LEN], unsigned char const k[RECEIPT_LEN],
    struct addr const *a, unsigned char const pk[RUNE_PK_LEN])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, k, RECEIPT_LEN, RECEIPT_LEN);
	crypto_generichash_update(&st, (unsigned char const *)
	    "RUNE-1 receipt", 15);
	crypto_generichash_update(&st, (unsigned char const *)a->s,
	    a->len + 1);
	crypto_generichash_update(&st, pk, RUNE_PK_LEN);
	crypto_generichash_final(&st, out, RECEIPT_LEN);
	sodium_memzero(&st, sizeof st);
}

void
receipt_make(char const *root, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], unsigned char out[RECEIPT_LEN])
{
	unsigned char k[RECEIPT_LEN];

	(void)receipt_key(root, k, 1);
	mac(out, k, a, pk);
	sodium_memzero(k, sizeof k);
}

int
receipt_check(char const *root, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN],
    unsigned char const in[RECEIPT_LEN])
{
	unsigned char k[RECEIPT_LEN], want[RECEIPT_LEN];
	int ok;

	if (!receipt_key(root, k, 0))
		return 0;	/* no registration gave a receipt yet */
	mac(want, k, a, pk);
	ok = crypto_verify_32(want, in) == 0;
	sodium_memzero(k, sizeof k);
	sodium_memzero(want, sizeof want);
	return ok;
}
