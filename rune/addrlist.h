/* addrlist.h: the addresses of an RFC 5322 address list (To, Cc, Bcc)
 * as a mail program writes them: "a@b", "Name <a@b>", "\"x, y\" <a@b>",
 * groups "team: a@b, c@d;", comments in parentheses. */
#ifndef ADDRLIST_H
#define ADDRLIST_H

#include <stddef.h>

/* calls fn(addr, len, arg) for each address spec in v[0..n) (what is
 * inside <>, else the word itself, blanks trimmed); returns the count */
size_t addrlist_each(char const *v, size_t n,
    void (*fn)(char const *a, size_t len, void *arg), void *arg);

#endif
