/* sio.h: the session's transport, all that proto.c and replies.c read
 * and write through.  rune-session runs it over TLS (tls_sio, tls.c);
 * the fuzz target fuzz/session.c runs it over memory buffers. */
#ifndef SIO_H
#define SIO_H

#include <stddef.h>

struct sio {
	void *ctx;
	/* as a line_readfn: > 0 octets, 0 the peer closed, -1 error
	 * (errno ETIMEDOUT after the deadline) */
	long (*read)(void *ctx, unsigned char *buf, size_t len);
	/* queues len octets; 1 done, 0 failed */
	int (*write)(void *ctx, void const *buf, size_t len);
	/* sends what is queued; 1 done, 0 failed */
	int (*flush)(void *ctx);
	/* the deadline of later reads and writes, in clock_ms units (lib/clock.c) */
	void (*deadline)(void *ctx, long long deadline);
};

#endif
