/* tsafe.h: text made safe to show on a terminal.  Everything the client
 * prints that came from a message or a server goes through here (rune's
 * out_printf and out_safe, and die.c's lines), so that no sender and no
 * server can drive the reader's terminal.
 *
 * Shown as it is: printable US-ASCII, tab, LF (where allowed) and valid
 * UTF-8 of code points from U+00A0 up.  Shown as one '?' each: the other
 * C0 controls (ESC, CR, BS, ...), DEL, the C1 controls U+0080-U+009F
 * (CSI U+009B, OSC U+009D, ...), the bidi embeddings, overrides and
 * isolates U+202A-U+202E and U+2066-U+2069, and every octet that is not
 * part of valid UTF-8 (a raw 0x9B among them: 8-bit terminals take it as
 * CSI), overlong forms and surrogates included. */
#ifndef TSAFE_H
#define TSAFE_H

#include <stddef.h>
#include <stdio.h>

#define TSAFE_LF 1	/* LF is shown as a line end; CRLF is made LF */

/* the unit at p[0..n), n > 0: returns its length in octets (1 to 4) and
 * sets *ok to 1 when it may be shown as it is, 0 when it is shown as one
 * '?' */
size_t tsafe_len(unsigned char const *p, size_t n, int flags, int *ok);

/* writes p[0..n) to f made safe; 1 ok, 0 write error */
int tsafe_put(FILE *f, unsigned char const *p, size_t n, int flags);

/* makes s[0..n) safe in place (it never grows); returns the new length */
size_t tsafe_fix(char *s, size_t n, int flags);

#endif
