/* maildir.h: delivery into a Maildir (tmp/, new/, cur/): a file
 * written in tmp/, fsynced, renamed into new/, new/ fsynced. */
#ifndef MAILDIR_H
#define MAILDIR_H

#include <stddef.h>
#include <stdint.h>

/* makes dir and its tmp/, new/ and cur/ (mode 0700) as needed; exits
 * 100 when one is not a directory, 111 on failure */
void maildir_init(char const *dir);

/* delivers head[0..hlen) (header lines, each ending LF, as they are)
 * then body[0..blen) with CRLF made LF; writes the file's name (under
 * new/) into name[64]; exits 111 on failure, leaving nothing in new/ */
void maildir_deliver(char const *dir, unsigned char const *head,
    size_t hlen, unsigned char const *body, size_t blen, char name[64]);

/* as maildir_deliver, the body being the n octets of the open file fd
 * from offset off, read in 32 KiB pieces (a large body is never in
 * memory whole); the file's octets are maildir_deliver's of the same
 * body */
void maildir_deliver_fd(char const *dir, unsigned char const *head,
    size_t hlen, int fd, uint64_t off, uint64_t n, char name[64]);

#endif
