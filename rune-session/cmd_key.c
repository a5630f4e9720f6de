/* cmd_key.c: KEY and UNREGISTER (spec 10).  A disabled or reserved
 * address is absent for everybody: 404 (doc/decisions.md). */
#include <stdio.h>
#include <string.h>

#include "helper.h"
#include "key.h"
#include "keytab.h"
#include "session.h"
#include "store.h"

void
cmd_key(struct session *s, int argc, struct tok const *v)
{
	char text[RUNE_ADDR_MAX + RUNE_KEY_TEXT_LEN + 2];
	struct keyrec r;
	struct addr a;
	int found;

	(void)argc;
	if (!addr_parse(&a, v[1].s, v[1].len)) {
		reply(s, 400, "syntax error: address");
		return;
	}
	if (!addr_in_domain(&a, s->conf.domain)) {
		reply(s, 402, "wrong domain");
		return;
	}
	found = keytab_lookup(s->conf.root, &a, &r);
	if (found < 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	if (!found || r.state != KEYTAB_ACTIVE) {
		reply(s, 404, "no such address");
		return;
	}
	memcpy(text, a.s, a.len);
	text[a.len] = ' ';
	key_fmt(text + a.len + 1, r.pk);
	reply(s, 250, text);
}

void
cmd_unregister(struct session *s, int argc, struct tok const *v)
{
	char const *argv[] = { "rune-keys", "unregister", s->me.s, NULL };

	(void)argc;
	(void)v;
	/* the key first: from then on nobody can send to it or log in */
	if (helper_run(s, "rune-keys", argv, "", 0) != 0) {
		reply(s, 451, "temporary failure");
		return;
	}
	if (!store_purge(s))
		slog(s, "event=unregister purge=failed");
	slog(s, "event=unregister code=221");
	s->quit = 1;
	reply(s, 221, "bye");
}
