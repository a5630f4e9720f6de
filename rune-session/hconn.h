/* hconn.h: the session's connection to a helper daemon (rune-store's or
 * rune-keys' socket) or, when no daemon runs, to a helper of its own
 * over a pipe pair: one request line (and its octets) out, one answer
 * line back, read within HELPER_DEADLINE_MS.  The answer buffer lives
 * in the connection, which lives in struct session. */
#ifndef HCONN_H
#define HCONN_H

#include <stddef.h>
#include <sys/types.h>

#include "line.h"

struct session;

/* rune-keys daemon's socket under the configuration directory: the token
 * writer's requests and the prekey protocol on one (rune-keys/tokserve.c) */
#define KEYS_SOCKET	"keys/socket"

struct hconn {
	int up;			/* connected or started */
	int in, out;		/* its stdin, its stdout (one fd: socket) */
	pid_t pid;		/* the helper, or 0 for the daemon's socket */
	struct line ans;	/* its answers */
};

/* connects to the daemon's socket at path (NULL: none to try) or, when
 * nothing listens there, starts argv[0] with argv; answers are read up
 * to max octets a line.  event is logged when a socket is there but
 * refuses.  1 up (at once when c already was), 0 failed */
int hconn_start(struct session *s, struct hconn *c, char const *path,
    char const *const argv[], size_t max, char const *event);

/* writes req and data[0..len); 1 done, 0 failed */
int hconn_send(struct hconn *c, char const *req, void const *data,
    size_t len);

/* reads one answer line into *a, *alen (valid until the next request,
 * also after hconn_stop); 1 done, 0 failed or too late */
int hconn_answer(struct hconn *c, char **a, size_t *alen);

/* ends the connection or the helper, if any */
void hconn_stop(struct hconn *c);

#endif
