/* proto.h: the session's command loop. */
#ifndef PROTO_H
#define PROTO_H

struct session;

/* reads and answers commands until the session ends */
void proto_run(struct session *s);

#endif
