/* tls.h: the client's TLS 1.2 connection, with the server's key checked
 * against a pinned fingerprint instead of a CA (spec 2, 9, 13.4). */
#ifndef TLS_H
#define TLS_H

#include <stddef.h>
#include "rune.h"

struct tls;

enum tls_result {
	TLS_OK = 1,
	TLS_FAIL = 0,		/* handshake or I/O failed: tls_why says why */
	TLS_MISMATCH = -1	/* the server's key is not the pinned one */
};

/* starts a TLS client over the connected socket fd (which tls owns from
 * now on, closed by tls_close); sni names the server (NULL: none); pin is
 * the pinned fingerprint (NULL: none yet, any key is taken); each wait
 * (the handshake, then every read or write) lasts at most timeout
 * seconds.  Sets *tp (NULL only when out of memory) and seen (the
 * fingerprint of the key the server showed, when it showed one). */
enum tls_result tls_open(struct tls **tp, int fd, char const *sni,
    unsigned char const *pin, unsigned timeout,
    unsigned char seen[RUNE_FPR_LEN]);

/* a line_readfn over t: octets read, 0 at a clean close, -1 on error */
long tls_read(void *t, unsigned char *buf, size_t len);

/* from now on, no read waits beyond seconds from now (each still waits
 * at most the timeout): the deadline of a whole answer; 0, or the next
 * tls_write, lifts the cap */
void tls_cap(struct tls *t, unsigned seconds);

/* moves the cap seconds later */
void tls_cap_more(struct tls *t, unsigned seconds);

/* sends all of buf and flushes; 1 done, 0 failed */
int tls_write(struct tls *t, void const *buf, size_t len);

/* a short text saying why the last call failed */
char const *tls_why(struct tls const *t);

/* sends close_notify (best effort), closes the socket, frees t */
void tls_close(struct tls *t);

#endif
