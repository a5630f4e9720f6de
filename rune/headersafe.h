/* headersafe.h: the header section of a received payload, rewritten so that
 * it can stand after the fields the client writes itself (fetch's
 * X-Rune-* and From:, read's From/Date/Verified block): no field of the
 * sender's may pass for the client's.
 *
 * The header section is the lines up to the first empty line, or up to
 * the first line that is neither a field ("NAME:", NAME printable
 * US-ASCII without ':', blanks before the colon allowed) nor a
 * continuation (starting with a blank) after one; there the client puts
 * the empty line, so that line and what follows are the body.  In the
 * section:
 *   - a field From, Sender, Reply-To, Return-Path, Resent-From,
 *     Resent-Sender, Resent-Reply-To, or X-Rune-anything (any case,
 *     with or without blanks before the colon) is renamed
 *     X-Rune-Original-NAME: with its value (and continuations) as sent;
 *   - every control octet but tab (a lone CR, NUL, ESC, DEL) becomes '?'.
 * Lines end LF.  Nothing is decoded: the field names decide. */
#ifndef HEADERSAFE_H
#define HEADERSAFE_H

#include <stddef.h>
#include "buf.h"

/* appends the header section of p[0..n), rewritten, to out, ending with
 * its empty line when a body follows (or p had one); returns the offset
 * in p where the body starts (n when there is none) */
size_t headersafe(struct buf *out, unsigned char const *p, size_t n);

/* 1: a field called name[0..len) is one the sender may not supply as it
 * is (renamed X-Rune-Original-NAME) */
int headersafe_renamed(char const *name, size_t len);

#endif
