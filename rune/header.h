/* header.h: reading a header field of a received payload (RFC 5322), for
 * replies: the original's Subject, Message-ID and References. */
#ifndef HEADER_H
#define HEADER_H

#include <stddef.h>

/* the first field called name (any case) in the header section of
 * p[0..n), unfolded, with spaces around it trimmed, into out[max]:
 * 1 found; 0 absent, empty, longer than max - 1, or holding an octet
 * outside printable US-ASCII and tab */
int header_get(unsigned char const *p, size_t n, char const *name, char *out,
    size_t max);

#endif
