/* cmd_any.c: the commands of any state (spec section 11). */
#include <stdio.h>

#include "cmd.h"
#include "num.h"
#include "replies.h"
#include "session.h"

void
cmd_capabilities(struct session *s, int argc, struct tok const *v)
{
	char line[64], n[NUM_FMT_MAX];

	(void)argc;
	(void)v;
	reply_more(s, 250, "RUNE 1");
	snprintf(line, sizeof line, "DOMAIN %s", s->conf.domain);
	reply_more(s, 250, line);
	if (s->conf.reg_free)
		reply_more(s, 250, "REGISTER");
	if (s->conf.reg_invite)
		reply_more(s, 250, "REGISTER_INVITATION");
	num_fmt(n, s->conf.maxsize);
	snprintf(line, sizeof line, "MAXSIZE %s", n);
	reply_more(s, 250, line);
	/* v2 extensions, after the v1 lines (doc/protocol-v2.md 1.1) */
	if (s->conf.prekeys) {
		num_fmt(n, s->conf.prekeys);
		snprintf(line, sizeof line, "PREKEYS %s", n);
		reply_more(s, 250, line);
	}
	reply(s, 250, "ok");
}

void
cmd_noop(struct session *s, int argc, struct tok const *v)
{
	(void)argc;
	(void)v;
	reply(s, 250, "ok");
}

void
cmd_quit(struct session *s, int argc, struct tok const *v)
{
	(void)argc;
	(void)v;
	s->quit = 1;
	reply(s, 221, "bye");
}
