/* pin.c: the pins under $RUNE_HOME/pins (doc/client.md):
 *   pins/server/HOST:PORT/tls    the TLS key's fingerprint
 *   pins/server/HOST:PORT/rune   the server's RUNE key text (or, pinned
 *                                from an invitation, its fingerprint)
 *   pins/key/ADDRESS             the address's key text */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "die.h"
#include "fpr.h"
#include "key.h"
#include "pin.h"
#include "tsafe.h"

#define PIN_TEXT_MAX 128
#define PIN_REL_MAX 400		/* hp->name is at most 261 octets */

/* "pins/server/HOST:PORT", and "/file" unless file is NULL */
static void
server_rel(char out[PIN_REL_MAX], struct hostport const *hp,
    char const *file)
{
	snprintf(out, PIN_REL_MAX, "pins/server/%s%s%s", hp->name,
	    file ? "/" : "", file ? file : "");
}

int
pin_read(struct home const *h, char const *rel, unsigned char *pk,
    unsigned char fp[RUNE_FPR_LEN])
{
	unsigned char k[RUNE_PK_LEN];
	char text[PIN_TEXT_MAX];
	size_t len;

	if (!home_read_line(h, rel, text, sizeof text))
		return 0;
	len = strlen(text);
	if (key_parse(k, text, len)) {
		fpr_make(fp, k, sizeof k);
		if (pk != NULL)
			memcpy(pk, k, sizeof k);
		return 1;
	}
	if (fpr_parse(fp, text, len))
		return 2;
	die(RUNE_EXIT_PERM, "%s/%s is damaged: neither a key nor a "
	    "fingerprint (remove it to pin again)", h->dir, rel);
}

static void
fpr_text(char out[RUNE_FPR_TEXT_LEN + 1], unsigned char const *key,
    size_t len)
{
	unsigned char fp[RUNE_FPR_LEN];

	fpr_make(fp, key, len);
	fpr_fmt(out, fp);
}

void
pin_mismatch(char const *what, unsigned char const pinned[RUNE_FPR_LEN],
    unsigned char const seen[RUNE_FPR_LEN], char const *repin)
{
	char a[RUNE_FPR_TEXT_LEN + 1], b[RUNE_FPR_TEXT_LEN + 1], t[2048];
	int n;

	fpr_fmt(a, pinned);
	fpr_fmt(b, seen);
	fflush(stdout);
	n = snprintf(t, sizeof t,
	    "rune: fatal: @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
	    "rune: fatal: WARNING: THE %s HAS CHANGED\n"
	    "rune: fatal:   pinned fingerprint: %s\n"
	    "rune: fatal:   seen fingerprint:   %s\n"
	    "rune: fatal: Someone may be intercepting the connection, or the "
	    "key was replaced.\n"
	    "rune: fatal: Stopped. Confirm the new fingerprint with its "
	    "holder; to accept it, re-pin with:\n"
	    "rune: fatal:   %s\n"
	    "rune: fatal: @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n",
	    what, a, b, repin);
	if (n > 0)	/* names may come from a server: terminal-safe */
		(void)tsafe_put(stderr, (unsigned char const *)t,
		    (size_t)n < sizeof t ? (size_t)n : sizeof t - 1, TSAFE_LF);
	fflush(stderr);
	exit(RUNE_EXIT_PERM);
}

static _Noreturn void
server_mismatch(char const *which, struct hostport const *hp,
    unsigned char const pinned[RUNE_FPR_LEN],
    unsigned char const seen[RUNE_FPR_LEN])
{
	char what[400], repin[400];

	snprintf(what, sizeof what, "%s KEY OF SERVER %s", which, hp->name);
	snprintf(repin, sizeof repin, "rune --server %s pin --replace %s",
	    hp->name, strcmp(which, "TLS") == 0 ? "server-tls" : "server-key");
	pin_mismatch(what, pinned, seen, repin);
}

int
pin_tls_get(struct home const *h, struct hostport const *hp,
    unsigned char fp[RUNE_FPR_LEN])
{
	char rel[PIN_REL_MAX];

	server_rel(rel, hp, "tls");
	switch (pin_read(h, rel, NULL, fp)) {
	case 0:
		return 0;
	case 2:
		return 1;
	default:
		die(RUNE_EXIT_PERM, "%s/%s is damaged: not a fingerprint "
		    "(remove it to pin again)", h->dir, rel);
	}
}

void
pin_tls_set(struct home const *h, struct hostport const *hp,
    unsigned char const fp[RUNE_FPR_LEN])
{
	char dir[PIN_REL_MAX], text[RUNE_FPR_TEXT_LEN + 1];

	server_rel(dir, hp, NULL);
	fpr_fmt(text, fp);
	home_write_line(h, dir, "tls", text);
	info("first contact with %s: pinned its TLS key %s", hp->name, text);
}

int
pin_server_key_get(struct home const *h, struct hostport const *hp,
    unsigned char pk[RUNE_PK_LEN])
{
	char rel[PIN_REL_MAX];
	unsigned char fp[RUNE_FPR_LEN];

	server_rel(rel, hp, "rune");
	return pin_read(h, rel, pk, fp) == 1;
}

void
pin_server_key(struct home const *h, struct hostport const *hp,
    unsigned char const pk[RUNE_PK_LEN])
{
	char dir[PIN_REL_MAX], rel[PIN_REL_MAX];
	char text[RUNE_KEY_TEXT_LEN + 1], fpt[RUNE_FPR_TEXT_LEN + 1];
	unsigned char pinned[RUNE_FPR_LEN], seen[RUNE_FPR_LEN];
	int r;

	server_rel(dir, hp, NULL);
	server_rel(rel, hp, "rune");
	fpr_make(seen, pk, RUNE_PK_LEN);
	r = pin_read(h, rel, NULL, pinned);
	if (r != 0 && sodium_memcmp(pinned, seen, RUNE_FPR_LEN) != 0)
		server_mismatch("RUNE", hp, pinned, seen);
	if (r == 1)
		return;
	key_fmt(text, pk);
	home_write_line(h, dir, "rune", text);
	fpr_text(fpt, pk, RUNE_PK_LEN);
	if (r == 0)
		info("first contact with %s: pinned its RUNE key %s", hp->name,
		    fpt);
}

/* pins fp as dir/name unless a pin is there: then it must match */
static void
preset_one(struct home const *h, struct hostport const *hp, char const *name,
    unsigned char const fp[RUNE_FPR_LEN], char const *which)
{
	char dir[PIN_REL_MAX], rel[PIN_REL_MAX], text[RUNE_FPR_TEXT_LEN + 1];
	unsigned char pinned[RUNE_FPR_LEN];

	server_rel(dir, hp, NULL);
	server_rel(rel, hp, name);
	if (pin_read(h, rel, NULL, pinned) != 0) {
		if (sodium_memcmp(pinned, fp, RUNE_FPR_LEN) != 0)
			server_mismatch(which, hp, pinned, fp);
		return;
	}
	fpr_fmt(text, fp);
	home_write_line(h, dir, name, text);
	info("pinned the %s key of %s from the invitation: %s", which,
	    hp->name, text);
}

void
pin_preset(struct home const *h, struct hostport const *hp,
    unsigned char const tls[RUNE_FPR_LEN],
    unsigned char const rune[RUNE_FPR_LEN])
{
	preset_one(h, hp, "tls", tls, "TLS");
	preset_one(h, hp, "rune", rune, "RUNE");
}

int
pin_addr_check(struct home const *h, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], unsigned char pinned[RUNE_FPR_LEN])
{
	char rel[PIN_REL_MAX], text[RUNE_KEY_TEXT_LEN + 1];
	char fpt[RUNE_FPR_TEXT_LEN + 1];
	unsigned char seen[RUNE_FPR_LEN];
	int r;

	snprintf(rel, sizeof rel, "pins/key/%s", a->s);
	fpr_make(seen, pk, RUNE_PK_LEN);
	r = pin_read(h, rel, NULL, pinned);
	if (r != 0 && sodium_memcmp(pinned, seen, RUNE_FPR_LEN) != 0)
		return -1;
	if (r == 1)
		return 1;
	key_fmt(text, pk);
	home_write_line(h, "pins/key", a->s, text);
	fpr_fmt(fpt, seen);
	if (r == 0)
		info("first use: pinned the key of %s: %s", a->s, fpt);
	return r == 2 ? 1 : 0;
}

void
pin_addr_repin(char *out, size_t max, struct addr const *a,
    unsigned char const seen[RUNE_FPR_LEN])
{
	char hex[RUNE_FPR_LEN * 2 + 1];

	sodium_bin2hex(hex, sizeof hex, seen, RUNE_FPR_LEN);
	snprintf(out, max, "rune pin --replace %s --expect %s", a->s, hex);
}

int
pin_addr_key(struct home const *h, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN])
{
	char what[200], repin[300];
	unsigned char pinned[RUNE_FPR_LEN], seen[RUNE_FPR_LEN];
	int r = pin_addr_check(h, a, pk, pinned);

	if (r >= 0)
		return r;
	fpr_make(seen, pk, RUNE_PK_LEN);
	snprintf(what, sizeof what, "KEY OF ADDRESS %s", a->s);
	pin_addr_repin(repin, sizeof repin, a, seen);
	pin_mismatch(what, pinned, seen, repin);
}
