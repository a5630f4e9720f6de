/* charset.h: text of a received message in the terminal's UTF-8. */
#ifndef CHARSET_H
#define CHARSET_H

#include <stddef.h>
#include "buf.h"

/* appends p[0..n), in the charset cs (a MIME charset name; "" or NULL:
 * US-ASCII), converted to UTF-8 (iconv) to out; an octet that does not
 * convert, or every octet of an unknown charset but ASCII, becomes '?'
 * (U+FFFD is not used: the terminal filter would keep it).  UTF-8 and
 * US-ASCII go as they are (the printer filters them). */
void charset_utf8(char const *cs, unsigned char const *p, size_t n,
    struct buf *out);

#endif
