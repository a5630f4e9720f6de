/* cmd_pins.c: "rune pins" lists every pin; "rune pin --replace" forgets
 * one, so that the next contact pins anew, or with --expect pins the
 * key whose fingerprint the user confirmed (spec 9: the user re-pins
 * explicitly).  An address's replaced key is kept (oldkeys.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "fpr.h"
#include "key.h"
#include "oldkeys.h"
#include "optval.h"
#include "pin.h"
#include "remote.h"
#include "show.h"
#include "tokens.h"

#define REL_MAX 600

/* prints "PREFIX fingerprint [key text]" for the pin file rel */
static void
show(struct cli *c, char const *prefix, char const *rel)
{
	unsigned char pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char ftext[RUNE_FPR_TEXT_LEN + 1], ktext[RUNE_KEY_TEXT_LEN + 1];
	int r = pin_read(&c->home, rel, pk, fp);

	if (r == 0)
		return;
	fpr_fmt(ftext, fp);
	if (r == 1)
		key_fmt(ktext, pk);
	show_printf("%s %s%s%s\n", prefix, ftext, r == 1 ? " " : "",
	    r == 1 ? ktext : "");
}

static int
visible(struct dirent const *d)
{
	return d->d_name[0] != '.';
}

/* the entries of the home's directory rel, sorted; -1 when absent */
static int
entries(struct cli *c, char const *rel, struct dirent ***list)
{
	char path[HOME_PATH_MAX];
	int n;

	home_path(path, &c->home, rel);
	n = scandir(path, list, visible, alphasort);
	if (n < 0 && errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to list %s", path);
	return n;
}

int
cmd_pins(struct cli *c, int argc, char **argv)
{
	struct dirent **list;
	char rel[REL_MAX], prefix[REL_MAX];
	int i, n;

	(void)argv;
	if (argc != 1)
		die_usage("rune pins");
	n = entries(c, "pins/server", &list);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "pins/server/%.300s/tls",
		    list[i]->d_name);
		snprintf(prefix, sizeof prefix, "server %.300s tls",
		    list[i]->d_name);
		show(c, prefix, rel);
		snprintf(rel, sizeof rel, "pins/server/%.300s/rune",
		    list[i]->d_name);
		snprintf(prefix, sizeof prefix, "server %.300s rune",
		    list[i]->d_name);
		show(c, prefix, rel);
		snprintf(rel, sizeof rel, "pins/server/%.300s/prekeys",
		    list[i]->d_name);
		if (home_read_line(&c->home, rel, prefix, sizeof prefix))
			show_printf("server %.300s prekeys\n",
			    list[i]->d_name);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	n = entries(c, "pins/key", &list);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "pins/key/%.300s", list[i]->d_name);
		snprintf(prefix, sizeof prefix, "key %.300s", list[i]->d_name);
		show(c, prefix, rel);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	oldkeys_list(&c->home);
	if (fflush(stdout) != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	return RUNE_EXIT_OK;
}

/* removes the pin file rel, saying which fingerprint it held; 1 removed */
static int
forget(struct cli *c, char const *rel, char const *what)
{
	unsigned char fp[RUNE_FPR_LEN];
	char ftext[RUNE_FPR_TEXT_LEN + 1];

	if (pin_read(&c->home, rel, NULL, fp) == 0)
		return 0;
	fpr_fmt(ftext, fp);
	if (!home_remove(&c->home, rel))
		return 0;
	show_printf("removed the pin of the %s: %s\n", what, ftext);
	return 1;
}

/* forgets the pins of the server: which is "tls", "rune" or NULL (both) */
static int
forget_server(struct cli *c, char const *which)
{
	struct hostport const *hp = cli_server(c);
	char rel[REL_MAX], what[REL_MAX], path[HOME_PATH_MAX];
	int n = 0;

	if (which == NULL || strcmp(which, "tls") == 0) {
		snprintf(rel, sizeof rel, "pins/server/%s/tls", hp->name);
		snprintf(what, sizeof what, "TLS key of %s", hp->name);
		n += forget(c, rel, what);
	}
	if (which == NULL || strcmp(which, "rune") == 0) {
		snprintf(rel, sizeof rel, "pins/server/%s/rune", hp->name);
		snprintf(what, sizeof what, "RUNE key of %s", hp->name);
		n += forget(c, rel, what);
	}
	snprintf(rel, sizeof rel, "pins/server/%s", hp->name);
	home_path(path, &c->home, rel);
	if (rmdir(path) < 0 && errno != ENOENT && errno != ENOTEMPTY)
		warn_sys("unable to remove %s", path);
	return n;
}

#define PIN_USAGE "rune pin --replace ADDRESS|server|server-tls|server-key" \
	"|server-prekeys|server-anonsend|server-tokenkey [--expect FINGERPRINT]"

/* the fingerprint the user confirmed: 32 hex digits, spaces or colons
 * allowed */
static void
expected(unsigned char fp[RUNE_FPR_LEN], char const *s)
{
	if (!fpr_parse(fp, s, strlen(s)))
		die(RUNE_EXIT_PERM, "--expect: not a fingerprint (32 hex "
		    "digits, as rune key or rune pins print it): %.100s", s);
}

/* pins a's key as the server gives it now, if its fingerprint is want;
 * the old key is kept as replaced */
static void
repin_addr(struct cli *c, struct addr const *a,
    unsigned char const want[RUNE_FPR_LEN])
{
	unsigned char sk[RUNE_SK_LEN], pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char ftext[RUNE_FPR_TEXT_LEN + 1], wtext[RUNE_FPR_TEXT_LEN + 1];
	char ktext[RUNE_KEY_TEXT_LEN + 1];
	struct conn cn;
	struct addr me;
	int found;

	cli_identity(c, &me, sk);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	cli_login(&cn, &me, sk);
	sodium_memzero(sk, sizeof sk);
	found = remote_key(&cn, a, pk);
	conn_quit(&cn);
	if (!found)
		die(RUNE_EXIT_PERM, "the server knows no key for %s; nothing "
		    "changed", a->s);
	fpr_make(fp, pk, sizeof pk);
	fpr_fmt(ftext, fp);
	fpr_fmt(wtext, want);
	if (sodium_memcmp(fp, want, RUNE_FPR_LEN) != 0)
		die(RUNE_EXIT_PERM, "the server gives %s a key with the "
		    "fingerprint %s, not %s, the one you confirmed; nothing "
		    "changed", a->s, ftext, wtext);
	oldkeys_keep(&c->home, a);
	key_fmt(ktext, pk);
	home_write_line(&c->home, "pins/key", a->s, ktext);
	show_printf("pinned the key of %s: %s\n", a->s, ftext);
	show_flush();
}

int
cmd_pin(struct cli *c, int argc, char **argv)
{
	char rel[REL_MAX], what[REL_MAX], dir[REL_MAX];
	unsigned char want[RUNE_FPR_LEN];
	char const *t = NULL, *x = NULL, *v;
	struct addr a;
	int n, i, server;

	for (i = 1; i < argc; i++)
		if (!t && (v = optval(argc, argv, &i, "--replace", PIN_USAGE)))
			t = v;
		else if (!x && (v = optval(argc, argv, &i, "--expect",
		    PIN_USAGE)))
			x = v;
		else
			die_usage(PIN_USAGE);
	if (t == NULL)
		die_usage(PIN_USAGE);
	if (x)
		expected(want, x);
	if (strcmp(t, "server-prekeys") == 0) {
		/* the PREKEYS line (v2keys.c): seen again, pinned again */
		if (x)
			die(RUNE_EXIT_PERM, "--expect names a key: not with "
			    "server-prekeys");
		snprintf(rel, sizeof rel, "pins/server/%.300s/prekeys",
		    cli_server(c)->name);
		snprintf(what, sizeof what, "PREKEYS line of %.300s",
		    cli_server(c)->name);
		n = home_remove(&c->home, rel);
		show_printf(n > 0 ? "the next contact with %s pins anew\n" :
		    "nothing was pinned for %s\n", what);
		show_flush();
		return RUNE_EXIT_OK;
	}
	if (strcmp(t, "server-anonsend") == 0 ||
	    strcmp(t, "server-tokenkey") == 0) {
		/* the ANONSEND line, or the token keys pinned per epoch
		 * (tokens.h; the evidence of a conflict stays) */
		if (x)
			die(RUNE_EXIT_PERM, "--expect names a key: not with %s",
			    t);
		if (t[7] == 'a') {
			n = home_remove(&c->home, "tokens/anonsend");
			snprintf(what, sizeof what, "the ANONSEND line");
		} else {
			n = tokens_unpin_keys(&c->home);
			snprintf(what, sizeof what, "a token key");
		}
		show_printf(n > 0 ? "the next contact pins %s anew\n" :
		    "%s was not pinned\n", what);
		show_flush();
		return RUNE_EXIT_OK;
	}
	server = strcmp(t, "server") == 0 || strcmp(t, "server-tls") == 0 ||
	    strcmp(t, "server-key") == 0;
	if (server && x && t[6] == '\0')
		die(RUNE_EXIT_PERM, "--expect names one key: use server-tls or "
		    "server-key");
	if (server) {
		n = forget_server(c, t[6] == '\0' ? NULL :
		    t[7] == 't' ? "tls" : "rune");
		snprintf(what, sizeof what, "%s", cli_server(c)->name);
		if (x) {
			char ftext[RUNE_FPR_TEXT_LEN + 1];

			snprintf(dir, sizeof dir, "pins/server/%.300s", what);
			fpr_fmt(ftext, want);
			home_write_line(&c->home, dir, t[7] == 't' ? "tls" :
			    "rune", ftext);
			show_printf("pinned the %s key of %s: %s\n", t[7] ==
			    't' ? "TLS" : "RUNE", what, ftext);
			show_flush();
			return RUNE_EXIT_OK;
		}
	} else {
		if (!addr_parse(&a, t, strlen(t)))
			die(RUNE_EXIT_PERM, "neither an address nor server, "
			    "server-tls, server-key: %.200s", t);
		if (x) {
			repin_addr(c, &a, want);
			return RUNE_EXIT_OK;
		}
		oldkeys_keep(&c->home, &a);
		snprintf(rel, sizeof rel, "pins/key/%s", a.s);
		snprintf(what, sizeof what, "key of %s", a.s);
		n = forget(c, rel, what);
		snprintf(what, sizeof what, "%s", a.s);
	}
	show_printf(n > 0 ? "the next contact with %s pins anew\n" :
	    "nothing was pinned for %s\n", what);
	show_flush();
	return RUNE_EXIT_OK;
}
