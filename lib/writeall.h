/* writeall.h: writing a whole buffer to a file descriptor, and reading
 * one. */
#ifndef WRITEALL_H
#define WRITEALL_H

#include <stddef.h>

/* writes buf[0..len) to fd, again after EINTR and short writes;
 * 1 done, 0 failed (errno set) */
int writeall(int fd, void const *buf, size_t len);

/* reads up to len octets from fd into buf, again after EINTR and short
 * reads, until len or the end of the file; the octets read (fewer than
 * len: the end came first, or a read failed, errno set) */
size_t readall(int fd, void *buf, size_t len);

#endif
