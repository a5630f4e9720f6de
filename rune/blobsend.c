/* blobsend.c: SEND with a blob made as it goes out, as blobsend.h says. */
#include <stdio.h>

#include "blobsend.h"
#include "die.h"
#include "hexid.h"
#include "progress.h"
#include "tok.h"

struct up {
	struct conn *cn;
	struct progress p;
	int meter;
	uint64_t done;
};

/* a piece of the blob to the server as it is made (the meter as
 * remote_send's) */
static int
upload(void *arg, unsigned char const *p, size_t k)
{
	struct up *u = arg;

	conn_write(u->cn, p, k, "send");
	if (u->meter) {
		u->done += k;
		progress_show(&u->p, u->done);
	}
	return 1;
}

void
blob_send(struct conn *cn, struct addr const *a, int v, uint64_t bsize,
    blob_writer *make, void *s, struct msg2src const *src,
    char const *meter, char id[RUNE_ID_HEX_LEN + 1])
{
	unsigned char raw[RUNE_ID_LEN];
	char line[RUNE_LINE_MAX];
	struct tok vv[2];
	struct up u = { cn, { 0, 0, NULL, 0 }, meter != NULL, 0 };

	snprintf(line, sizeof line, "SEND %s %llu%s", a->s,
	    (unsigned long long)bsize, v == 1 ? "" : " 2");
	conn_send(cn, line);
	if (conn_reply(cn) != 340)
		conn_fail(cn, "send");	/* 422: replycode.c's words */
	if (meter != NULL)
		progress_init(&u.p, meter, bsize);
	/* the payload's last pass, encrypted as it goes out */
	if (!make(s, src, upload, &u))
		die_sys(RUNE_EXIT_TEMP, "send: unable to read the message");
	if (conn_reply(cn) != 250)
		conn_fail(cn, "send");
	if (conn_args(cn, vv, 2) < 1 || !hexid_parse(raw, vv[0].s, vv[0].len))
		die(RUNE_EXIT_TEMP, "send: malformed 250 from %s", cn->hp.name);
	hexid_fmt(id, raw);
}
