/* cmd_send_entry.c: SEND's entry: in the anonymous state a send on a
 * permit (cmd_token.c), else an identified send (cmd_send.c), refused
 * under NOIDSEND (doc/protocol-v2.md 2.7 S2). */
#include "cmd.h"
#include "replies.h"
#include "session.h"

void
cmd_send(struct session *s, int argc, struct tok const *v)
{
	/* the anonymous state: on a permit (cmd_token.c) */
	if (s->state == ST_ANON) {
		cmd_anon_send(s, argc, v);
		return;
	}
	/* NOIDSEND (doc/protocol-v2.md 2.7 S2): identified sends refused */
	if (s->conf.noidsend) {
		reply(s, 422, "identified send disabled");
		return;
	}
	(void)send_message(s, argc, v, &s->me);
}
