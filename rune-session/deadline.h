/* deadline.h: the session's clocks: the idle time of a command and the
 * session's lifetime (control/idle, control/sessionmax; spec 13.15). */
#ifndef DEADLINE_H
#define DEADLINE_H

struct session;

/* restarts the idle deadline (a command or a SEND body is under way) */
void deadline_idle(struct session *s);

/* the deadline of a read from the client: the idle time, cut short by the
 * session's lifetime */
void deadline_read(struct session *s);

/* 1: the session's lifetime is over */
int deadline_lifetime_over(struct session const *s);

/* a read timed out: 421 for the idle time or the lifetime, and closing */
void deadline_timeout(struct session *s);

#endif
