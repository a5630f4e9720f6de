/* writeall.h: writing a whole buffer to a file descriptor. */
#ifndef WRITEALL_H
#define WRITEALL_H

#include <stddef.h>

/* writes buf[0..len) to fd, again after EINTR and short writes;
 * 1 done, 0 failed (errno set) */
int writeall(int fd, void const *buf, size_t len);

#endif
