/* outboxpay.c: the payload of an outbox entry read from its file, as
 * outboxpay.h says. */
#include <stdlib.h>

#include "die.h"
#include "outboxpay.h"
#include "paytmp.h"

int
outbox_payload_read(void *arg, uint64_t off, unsigned char *p, size_t k)
{
	struct outbox const *e = arg;
	struct paytmp t = { e->fd, e->off + e->n, NULL };

	return off <= e->n && k <= e->n - off &&
	    paytmp_read(&t, e->off + off, p, k);
}
