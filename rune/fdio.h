/* fdio.h: reads and writes on a non-blocking socket, each bounded by a
 * deadline; the transport under the client's TLS engine. */
#ifndef FDIO_H
#define FDIO_H

#include <stddef.h>
#include <time.h>

struct fdio {
	int fd;
	unsigned timeout;		/* seconds from each fdio_arm */
	struct timespec deadline;
	struct timespec cap;		/* capped: no deadline beyond this */
	int capped;
	unsigned capsecs;		/* the cap's length, for messages */
	int at_cap;			/* 1: the deadline is the cap */
	int timedout, eof, sys;		/* why the last call failed */
};

/* sets the deadline to timeout seconds from now, or to the cap when
 * that is sooner */
void fdio_arm(struct fdio *f);

/* caps every later deadline at seconds from now (0: no cap), so that a
 * peer sending an octet now and then cannot stretch an answer forever */
void fdio_cap(struct fdio *f, unsigned seconds);

/* moves the cap seconds later (for an answer that is long and arriving) */
void fdio_cap_more(struct fdio *f, unsigned seconds);

/* reads at least one octet (at most len) before the deadline; returns
 * the count, or -1 with timedout, eof or sys (an errno) set */
int fdio_read(void *f, unsigned char *buf, size_t len);

/* writes at least one octet (at most len), as fdio_read */
int fdio_write(void *f, unsigned char const *buf, size_t len);

#endif
