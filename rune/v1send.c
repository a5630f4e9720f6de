/* v1send.c: a v1 message sent as it is made, as v1send.h says. */
#include "blobsend.h"
#include "v1send.h"

/* msgstream_write as a blob_writer */
static int
write1(void *s, struct msg2src const *src, msg2_writer *wr, void *warg)
{
	return msgstream_write(s, src, wr, warg);
}

void
v1_send(struct conn *cn, struct addr const *a, struct msgstream *s,
    struct msg2src const *src, char id[RUNE_ID_HEX_LEN + 1])
{
	blob_send(cn, a, 1, s->bsize, write1, s, src, "sending", id);
}
