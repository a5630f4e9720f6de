/* fromname.h: the display name a sender wrote in her own From:, carried
 * into fetch's From: and read's, when (and only when) that From names
 * exactly the checked sender's address (ASCII case aside), so that a mail
 * program shows "Alice Liddell" and git am keeps the author's name.
 *
 * The payload must hold one From field, "PHRASE <ADDRESS>": PHRASE
 * atoms and quoted-strings (no comment, no special outside quotes),
 * its RFC 2047 words decoded.  The name is dropped when, decoded, it is
 * empty, longer than FROMNAME_MAX octets, not UTF-8, or holds what could
 * pass for an address or drive a terminal: '@', '<', '>' (and their
 * full-width forms), "=?" (a word decoded twice), a control or format
 * character (tsafe.h's, tab, zero-width ones).  A quote or backslash is
 * kept, escaped.  What is written is made afresh, never the sender's
 * text. */
#ifndef FROMNAME_H
#define FROMNAME_H

#include <stddef.h>
#include "addr.h"
#include "buf.h"

#define FROMNAME_MAX 200

/* the safe display name of payload p[0..n)'s From into name (UTF-8): 1
 * found, 0 none (name "") */
int fromname_get(unsigned char const *p, size_t n, struct addr const *sender,
    char name[FROMNAME_MAX + 1]);

/* appends the From value for sender with the name of p[0..n), NUL
 * ended: header 1: "\"NAME\" <ADDRESS>" (US-ASCII, '"' and '\\'
 * escaped) or "=?UTF-8?B?...?= <ADDRESS>" (lines end LF); header 0, for
 * a person: "NAME <ADDRESS>"; ADDRESS alone when there is no name */
void fromname_field(struct buf *out, unsigned char const *p, size_t n,
    struct addr const *sender, int header);

#endif
