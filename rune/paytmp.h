/* paytmp.h: the payload of an outgoing message in an unnamed temporary
 * file (O_TMPFILE, 0600, in $TMPDIR, else the home's tmp/; where the
 * file system has no O_TMPFILE, a mkstemp file removed at once), so a
 * MAXSIZE message is never in memory whole (doc/client.md). */
#ifndef PAYTMP_H
#define PAYTMP_H

#include <stddef.h>
#include <stdint.h>

#include "home.h"

struct paytmp {
	int fd;
	uint64_t n;		/* octets written */
	char const *dir;	/* where it is, for messages (NULL: unknown) */
};

/* an empty one; exits 111 when none can be made */
void paytmp_open(struct paytmp *t, struct home const *h);

/* appends p[0..n); exits 111 on a write error */
void paytmp_put(struct paytmp *t, void const *p, size_t n);

/* a msg2src reader (msg2stream.h): arg is the struct paytmp */
int paytmp_read(void *arg, uint64_t off, unsigned char *p, size_t k);

void paytmp_close(struct paytmp *t);

#endif
