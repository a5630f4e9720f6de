/* sentcopy.h: the copy of a sent message kept in a Maildir (rune send
 * --sent, config/sent; an anonymous one when it goes). */
#ifndef SENTCOPY_H
#define SENTCOPY_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"
#include "rune.h"

/* delivers the payload, the n octets of the open file fd from offset off
 * (the payload's temporary file, or an outbox entry), into the Maildir
 * dir as a sent copy (X-Rune-Sent-Id fields first, one per receiver),
 * read in 32 KiB pieces (maildir_deliver_fd): a MAXSIZE message is never
 * in memory whole; exits on failure as maildir.h says */
void sentcopy_deliver(char const *dir, int fd, uint64_t off, uint64_t n,
    struct addr const *to, size_t nto,
    char const (*ids)[RUNE_ID_HEX_LEN + 1]);

#endif
