/* proto.h: the session's command loop. */
#ifndef PROTO_H
#define PROTO_H

struct session;

/* reads and answers commands until the session ends */
void proto_run(struct session *s);

/* restarts the idle deadline (a command or a SEND body is under way) */
void proto_deadline(struct session *s);

#endif
