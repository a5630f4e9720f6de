/* v1send.c: a v1 message sent as it is made, as v1send.h says. */
#include <stdio.h>

#include "die.h"
#include "hexid.h"
#include "progress.h"
#include "tok.h"
#include "v1send.h"

struct up {
	struct conn *cn;
	struct progress p;
	uint64_t done;
};

/* a piece of the blob to the server as it is made (the meter as
 * remote_send's) */
static int
upload(void *arg, unsigned char const *p, size_t k)
{
	struct up *u = arg;

	conn_write(u->cn, p, k, "send");
	u->done += k;
	progress_show(&u->p, u->done);
	return 1;
}

void
v1_send(struct conn *cn, struct addr const *a, struct msgstream *s,
    struct msg2src const *src, char id[RUNE_ID_HEX_LEN + 1])
{
	unsigned char raw[RUNE_ID_LEN];
	char line[RUNE_LINE_MAX];
	struct tok v[2];
	struct up u = { cn, { 0, 0, NULL, 0 }, 0 };

	snprintf(line, sizeof line, "SEND %s %llu", a->s,
	    (unsigned long long)s->bsize);
	conn_send(cn, line);
	if (conn_reply(cn) != 340)
		conn_fail(cn, "send");
	progress_init(&u.p, "sending", s->bsize);
	if (!msgstream_write(s, src, upload, &u))
		die_sys(RUNE_EXIT_TEMP, "send: unable to read the message");
	if (conn_reply(cn) != 250)
		conn_fail(cn, "send");
	if (conn_args(cn, v, 2) < 1 || !hexid_parse(raw, v[0].s, v[0].len))
		die(RUNE_EXIT_TEMP, "send: malformed 250 from %s", cn->hp.name);
	hexid_fmt(id, raw);
}
