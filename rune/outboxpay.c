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
	struct paytmp t = { e->fd, e->off + e->n };

	return off <= e->n && k <= e->n - off &&
	    paytmp_read(&t, e->off + off, p, k);
}

unsigned char *
outbox_payload_load(struct outbox const *e)
{
	struct paytmp t = { e->fd, 0 };
	unsigned char *p;

	if (e->n > SIZE_MAX - 1 || (p = malloc((size_t)e->n + 1)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	if (!paytmp_read(&t, e->off, p, (size_t)e->n))
		die_sys(RUNE_EXIT_TEMP, "unable to read an outbox entry");
	return p;
}
