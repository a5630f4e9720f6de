/* proto.h: the session's command loop. */
#ifndef PROTO_H
#define PROTO_H

struct session;

/* reads and answers commands until the session ends */
void proto_run(struct session *s);

/* restarts the idle deadline (a command or a SEND body is under way) */
void proto_deadline(struct session *s);

/* the deadline of a read from the client: the idle time, cut short by the
 * session's lifetime (control/sessionmax) */
void proto_read_deadline(struct session *s);

/* a read timed out: 421 for the idle time or the lifetime, and closing */
void proto_timeout(struct session *s);

#endif
