/* cmd_pins.c: "rune pins" lists every pin; "rune pin --replace" forgets
 * one, so that the next contact pins anew (spec 9: the user re-pins
 * explicitly). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "die.h"
#include "out.h"
#include "fpr.h"
#include "key.h"
#include "pin.h"

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
	out_printf("%s %s%s%s\n", prefix, ftext, r == 1 ? " " : "",
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
	out_printf("removed the pin of the %s: %s\n", what, ftext);
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

int
cmd_pin(struct cli *c, int argc, char **argv)
{
	char rel[REL_MAX], what[REL_MAX];
	char const *t;
	struct addr a;
	int n;

	if (argc != 3 || strcmp(argv[1], "--replace") != 0)
		die_usage("rune pin --replace ADDRESS|server|server-tls|"
		    "server-key");
	t = argv[2];
	if (strcmp(t, "server") == 0 || strcmp(t, "server-tls") == 0 ||
	    strcmp(t, "server-key") == 0) {
		n = forget_server(c, t[6] == '\0' ? NULL :
		    t[7] == 't' ? "tls" : "rune");
		snprintf(what, sizeof what, "%s", cli_server(c)->name);
	} else {
		if (!addr_parse(&a, t, strlen(t)))
			die(RUNE_EXIT_PERM, "neither an address nor server, "
			    "server-tls, server-key: %.200s", t);
		snprintf(rel, sizeof rel, "pins/key/%s", a.s);
		snprintf(what, sizeof what, "key of %s", a.s);
		n = forget(c, rel, what);
		snprintf(what, sizeof what, "%s", a.s);
	}
	out_printf(n > 0 ? "the next contact with %s pins anew\n" :
	    "nothing was pinned for %s\n", what);
	out_flush();
	return RUNE_EXIT_OK;
}
