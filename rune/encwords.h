/* encwords.h: a received header value with its RFC 2047 encoded words
 * ("=?charset?B?...?=", "=?charset?Q?...?=") decoded to UTF-8. */
#ifndef ENCWORDS_H
#define ENCWORDS_H

#include <stddef.h>
#include "buf.h"

/* appends v[0..n) decoded to out: encoded words decoded (B and Q, any
 * case) and converted to UTF-8 (charset.h), the blanks between two
 * adjacent encoded words dropped, everything else as it is */
void encwords_decode(unsigned char const *v, size_t n, struct buf *out);

#endif
