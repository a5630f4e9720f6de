/* tokkey.c: TOKENKEY and the token keys pinned per epoch, with the
 * evidence of a second key (doc/protocol-v2.md 2.3, A5), as tokens.h
 * says. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "b64.h"
#include "die.h"
#include "fpr.h"
#include "num.h"
#include "token.h"
#include "tokens.h"
#include "v2.h"

#define CONFLICTS_MAX	1000	/* evidence files kept per epoch */

/* "EPOCH b64(pkT) b64(ksig)" s[0..len): 1 parsed (pk and, when not NULL,
 * ksig set), 0 not such a line */
static int
key_line(uint64_t *epoch, unsigned char pk[VOPRF_ELEM],
    unsigned char *ksig, struct tok const *v, int k)
{
	unsigned char sig[RUNE_SIG_LEN];
	size_t len;

	if (k != 3 || v[0].len > 20 || !num_parse(epoch, v[0].s, v[0].len) ||
	    !b64_decode(pk, VOPRF_ELEM, &len, v[1].s, v[1].len) ||
	    len != VOPRF_ELEM || !voprf_element_ok(pk) ||
	    !b64_decode(sig, sizeof sig, &len, v[2].s, v[2].len) ||
	    len != sizeof sig)
		return 0;
	if (ksig)
		memcpy(ksig, sig, sizeof sig);
	return 1;
}

int
tokens_pinned(struct home const *h, uint64_t epoch,
    unsigned char pkT[VOPRF_ELEM])
{
	char rel[64], line[256];
	struct tok v[4];
	uint64_t e;

	snprintf(rel, sizeof rel, "tokens/key.%llu",
	    (unsigned long long)epoch);
	if (!home_read_line(h, rel, line, sizeof line))
		return 0;
	if (!key_line(&e, pkT, NULL, v, tok_split(v, 4, line,
	    strlen(line))) || e != epoch)
		die(RUNE_EXIT_PERM, "the token key pin %s/%s is damaged; "
		    "remove it with: rune pin --replace server-tokenkey",
		    h->dir, rel);
	return 1;
}

/* keeps the signed statement line as tokens/conflict.EPOCH.N; its name
 * into name[max] */
static void
evidence(struct home const *h, uint64_t epoch, char const *line,
    char *name, size_t max)
{
	char dir[HOME_PATH_MAX], text[300];
	size_t len;
	int n;

	home_mkdirs(h, "tokens");
	home_path(dir, h, "tokens");
	len = (size_t)snprintf(text, sizeof text, "%s\n", line);
	for (n = 1; n <= CONFLICTS_MAX; n++) {
		snprintf(name, max, "conflict.%llu.%d",
		    (unsigned long long)epoch, n);
		if (afile_create(dir, name, text, len, 0600))
			return;
		if (errno != EEXIST)
			die_sys(RUNE_EXIT_TEMP, "unable to keep the evidence "
			    "%s/%s", dir, name);
	}
	snprintf(name, max, "conflict.%llu.%d (not kept: %d already)",
	    (unsigned long long)epoch, CONFLICTS_MAX, CONFLICTS_MAX);
}

int
tokens_key(struct conn *cn, struct anoncaps const *ac, uint64_t epoch,
    unsigned char const server_pk[32], unsigned char pkT[VOPRF_ELEM])
{
	unsigned char pk[VOPRF_ELEM], ksig[RUNE_SIG_LEN], old[VOPRF_ELEM];
	unsigned char fo[RUNE_FPR_LEN], fn[RUNE_FPR_LEN];
	char line[RUNE_LINE_MAX], name[64], rel[64], text[256];
	char to[RUNE_FPR_TEXT_LEN + 1], tn[RUNE_FPR_TEXT_LEN + 1];
	struct v2caps cp;
	struct tok v[4];
	uint64_t e;
	size_t len;

	(void)ac;	/* the epoch is the caller's, from ac's epochdays */
	v2_caps(cn, &cp);
	snprintf(line, sizeof line, "TOKENKEY %llu",
	    (unsigned long long)epoch);
	conn_send(cn, line);
	switch (conn_reply(cn)) {
	case 250:
		break;
	case 417:
		return 0;
	default:
		conn_fail(cn, "token key");
	}
	if (!key_line(&e, pk, ksig, v, conn_args(cn, v, 4)) || e != epoch)
		die(RUNE_EXIT_TEMP, "token key: malformed 250 from %s",
		    cn->hp.name);
	if (!token_key_verify(ksig, cp.domain, epoch, pk, server_pk))
		die(RUNE_EXIT_PERM, "@@@ WARNING: THE TOKEN KEY %s GAVE FOR "
		    "EPOCH %llu IS NOT SIGNED BY ITS PINNED SERVER KEY: "
		    "someone may be tampering with the connection. Stopped.",
		    cn->hp.name, (unsigned long long)epoch);
	len = (size_t)snprintf(text, sizeof text, "%llu ",
	    (unsigned long long)epoch);
	len += b64_encode(text + len, pk, sizeof pk);
	text[len++] = ' ';
	b64_encode(text + len, ksig, sizeof ksig);
	if (!tokens_pinned(cn->home, epoch, old)) {
		snprintf(name, sizeof name, "key.%llu",
		    (unsigned long long)epoch);
		home_write_line(cn->home, "tokens", name, text);
		memcpy(pkT, pk, VOPRF_ELEM);
		return 1;
	}
	if (sodium_memcmp(old, pk, VOPRF_ELEM) == 0) {
		memcpy(pkT, pk, VOPRF_ELEM);
		return 1;
	}
	/* a second signed key for one epoch: the server may be giving
	 * users keys of their own (tagging) */
	evidence(cn->home, epoch, text, name, sizeof name);
	snprintf(rel, sizeof rel, "key.%llu", (unsigned long long)epoch);
	fpr_make(fo, old, sizeof old);
	fpr_make(fn, pk, sizeof pk);
	fpr_fmt(to, fo);
	fpr_fmt(tn, fn);
	conn_quit(cn);
	die(RUNE_EXIT_PERM, "@@@ WARNING: SERVER %s GAVE A SECOND, DIFFERENT "
	    "TOKEN KEY FOR EPOCH %llu (pinned %s, now %s), both signed by "
	    "its key: it may be giving users keys of their own to undo "
	    "anonymous sending. Stopped. The evidence is kept in %s/tokens/"
	    "%s and %s/tokens/%s: tell the administrator and other users; "
	    "to go on anyway, re-pin with: rune pin --replace "
	    "server-tokenkey", cn->hp.name, (unsigned long long)epoch, to, tn,
	    cn->home->dir, rel, cn->home->dir, name);
}

int
tokens_unpin_keys(struct home const *h)
{
	char dir[HOME_PATH_MAX];
	struct dirent *e;
	int n = 0;
	DIR *d;

	home_path(dir, h, "tokens");
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	}
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "key.", 4) == 0) {
			if (unlinkat(dirfd(d), e->d_name, 0) < 0 &&
			    errno != ENOENT)
				die_sys(RUNE_EXIT_TEMP, "unable to remove %s/"
				    "%s", dir, e->d_name);
			n++;
		}
		errno = 0;
	}
	if (errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(d);
	if (n > 0 && !afile_sync_dir(dir))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
	return n;
}
