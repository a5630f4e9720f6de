/* mboxname.c: mailbox names: hex of BLAKE2b-256 of the canonical address
 * keyed with the store's salt, so that no directory names an address. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "afile.h"
#include "hexid.h"
#include "mbox.h"

void
mbox_name_salt(unsigned char const salt[MBOX_SALT_LEN],
    struct addr const *a, char out[MBOX_NAME_LEN + 1])
{
	unsigned char h[MBOX_NAME_LEN / 2];

	/* cannot fail with these sizes */
	(void)crypto_generichash(h, sizeof h, (unsigned char const *)a->s,
	    a->len, salt, MBOX_SALT_LEN);
	sodium_bin2hex(out, MBOX_NAME_LEN + 1, h, sizeof h);
	sodium_memzero(h, sizeof h);
}

int
mbox_salt(char const *root, unsigned char salt[MBOX_SALT_LEN])
{
	unsigned char buf[MBOX_SALT_LEN + 1];
	char path[4096];
	size_t len = 0;
	int r;

	if (!mbox_path(path, sizeof path, root, 0, "salt"))
		return -1;
	r = afile_read(path, buf, sizeof buf, &len);
	if (r == 1 && len != MBOX_SALT_LEN) {
		errno = EPROTO;		/* a salt of the wrong size */
		r = -1;
	}
	if (r == 1)
		memcpy(salt, buf, MBOX_SALT_LEN);
	sodium_memzero(buf, sizeof buf);
	return r;
}

int
mbox_name(char const *root, struct addr const *a,
    char out[MBOX_NAME_LEN + 1])
{
	unsigned char salt[MBOX_SALT_LEN];
	int r = mbox_salt(root, salt);

	if (r == 1)
		mbox_name_salt(salt, a, out);
	sodium_memzero(salt, sizeof salt);
	return r;
}

int
mbox_name_ok(char const *s, size_t len)
{
	return len == MBOX_NAME_LEN && hexid_lower(s, len);
}

int
mbox_path(char *out, size_t max, char const *root, char const *name,
    char const *sub)
{
	int n;

	if (name && sub)
		n = snprintf(out, max, "%s/store/%s/%s", root, name, sub);
	else if (name || sub)
		n = snprintf(out, max, "%s/store/%s", root, name ? name : sub);
	else
		n = snprintf(out, max, "%s/store", root);
	if (n < 0 || (size_t)n >= max)
		return errno = ENAMETOOLONG, 0;
	return 1;
}
