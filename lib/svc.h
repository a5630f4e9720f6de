/* svc.h: a long-lived service on a UNIX socket (doc/design.md, "Process
 * layout"): a parent keeps a small pool of pre-forked workers; each
 * accepts one connection at a time and serves it; a worker that dies is
 * replaced.  No exec per connection.  The client side is svc_connect. */
#ifndef SVC_H
#define SVC_H

#include <sys/types.h>

/* binds a stream socket at path (made as path.tmp, given mode, then
 * renamed over path, so a stale socket is replaced atomically) and
 * listens; the descriptor, or -1 (errno set; ENAMETOOLONG for a path
 * longer than a socket address holds) */
int svc_listen(char const *path, mode_t mode);

/* runs the pool: workers processes, each calling serve(fd, ctx) for one
 * accepted connection at a time (fd is closed after; serve may exit the
 * worker, which is then replaced).  Returns 0 after SIGTERM or SIGINT,
 * when the workers are ended and path removed (if it is still ours);
 * 111 when the pool cannot run. */
int svc_run(int lfd, char const *path, int workers,
    void (*serve)(int fd, void *ctx), void *ctx);

/* connects to the service at path; the descriptor (close-on-exec), or
 * -1 (errno set: ENOENT when no service was ever set up there,
 * ECONNREFUSED when it is not running) */
int svc_connect(char const *path);

#endif
