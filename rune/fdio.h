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
	int timedout, eof, sys;		/* why the last call failed */
};

/* sets the deadline to timeout seconds from now */
void fdio_arm(struct fdio *f);

/* reads at least one octet (at most len) before the deadline; returns
 * the count, or -1 with timedout, eof or sys (an errno) set */
int fdio_read(void *f, unsigned char *buf, size_t len);

/* writes at least one octet (at most len), as fdio_read */
int fdio_write(void *f, unsigned char const *buf, size_t len);

#endif
