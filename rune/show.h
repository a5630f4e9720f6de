/* show.h: what the client prints: every line on stdout that holds
 * anything from a message or a server goes through show_printf or
 * show_safe, which show it terminal-safe (lib/tsafe.h); payloads written
 * for mail readers go out as they are. */
#ifndef SHOW_H
#define SHOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* printf to stdout, the result made terminal-safe (LF kept); exits 111
 * when it cannot write */
void show_printf(char const *fmt, ...) __attribute__((format(printf, 1, 2)));

/* writes p[0..n) to stdout terminal-safe, CRLF made LF, ending with a
 * LF; exits 111 when it cannot write */
void show_safe(unsigned char const *p, size_t n);

/* flushes stdout; exits 111 when it cannot write */
void show_flush(void);

/* writes p[0..n) to f as it is but with every CRLF made LF (for a mail
 * reader, not a terminal); 1 ok, 0 error */
int show_text(FILE *f, unsigned char const *p, size_t n);

/* the RFC 5322 date of the server's time t into out[64] */
void show_date(char out[64], uint64_t t);

#endif
