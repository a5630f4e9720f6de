/* deadline.h: the session's clocks: the idle time of a command and the
 * session's lifetime (control/idle, control/sessionmax; spec 13.15). */
#ifndef DEADLINE_H
#define DEADLINE_H

#include <stddef.h>

struct session;

/* octets of a body that must come within one idle time */
#define DEADLINE_CHUNK	65536

/* restarts the idle deadline (a command or a SEND body is under way) */
void deadline_idle(struct session *s);

/* the deadline of a read from the client: the idle time, cut short by the
 * session's lifetime */
void deadline_read(struct session *s);

/* as deadline_read, but no later than until (clock_ms) */
void deadline_read_until(struct session *s, long long until);

/* reads n octets of the client's body into buf, each DEADLINE_CHUNK
 * under a fresh read deadline; 1 done, 0 the client is gone or broke
 * the stream, -1 timeout */
int deadline_read_exact(struct session *s, unsigned char *buf, size_t n);

/* when the session's lifetime (control/sessionmax) ends, in the
 * milliseconds of clock_ms */
long long deadline_lifetime_end(struct session const *s);

/* 1: the session's lifetime is over */
int deadline_lifetime_over(struct session const *s);

/* a read timed out: 421 for the idle time or the lifetime, and closing */
void deadline_timeout(struct session *s);

#endif
