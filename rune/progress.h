/* progress.h: the progress meter of a long transfer (SEND, RETRIEVE):
 * "what: NN%" on stderr, rewritten in place, only when stderr is a
 * terminal and the transfer is PROGRESS_MIN octets or more. */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdint.h>

#define PROGRESS_MIN (1024 * 1024)	/* smaller transfers show none */

struct progress {
	int on, last;
	char const *what;
	uint64_t total;
};

/* starts a meter for total octets, named what (a string that outlives p) */
void progress_init(struct progress *p, char const *what, uint64_t total);

/* shows done of the total when the percentage changed; a newline at the
 * end */
void progress_show(struct progress *p, uint64_t done);

#endif
