/* maildir.h: delivery into a Maildir (tmp/, new/, cur/): a file
 * written in tmp/, fsynced, renamed into new/, new/ fsynced. */
#ifndef MAILDIR_H
#define MAILDIR_H

#include <stddef.h>
#include "addr.h"

/* makes dir and its tmp/, new/ and cur/ (mode 0700) as needed; exits
 * 100 when one is not a directory, 111 on failure */
void maildir_init(char const *dir);

/* delivers head (header lines, each ending LF) then the payload
 * p[0..n) of sender, CRLF made LF, with the payload's own X-Rune-*
 * fields dropped and a From: that does not name sender renamed
 * X-Rune-Claimed-From: (head then carries the true From:); writes the
 * file's name (under new/) into name[64]; exits 111 on failure,
 * leaving nothing in new/ */
void maildir_deliver(char const *dir, char const *head,
    struct addr const *sender, unsigned char const *p, size_t n,
    char name[64]);

/* 1: the payload's header section has a From: naming sender (alone or
 * as "... <sender>") */
int maildir_from_ok(unsigned char const *p, size_t n,
    struct addr const *sender);

#endif
