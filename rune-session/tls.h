/* tls.h: the session's TLS 1.2 server over fds 0 and 1 (BearSSL).
 * Only tls.c includes <bearssl.h>, so that the engine could move to a
 * process of its own later (style 2). */
#ifndef TLS_H
#define TLS_H

#include <stddef.h>

struct tls;

/* loads the certificate chain and key, pre-decoded from binfile when it
 * was made from certfile and keyfile as they are now (lib/tlsbin.h),
 * else from the PEM files (saying so when binfile is there but stale),
 * and prepares the engine; 1 done, 0 failed (a message says why) */
int tls_init(struct tls **t, char const *certfile, char const *keyfile,
    char const *binfile);

/* runs the handshake until deadline;
 * 1 done, 0 failed (*err: BearSSL's error code, or -1 for a timeout) */
int tls_handshake(struct tls *t, long long deadline, int *err);

/* the deadline of later reads and writes */
void tls_deadline(struct tls *t, long long deadline);

/* a write blocked on a peer that reads slowly may also wait until
 * idle_ms after its last octets moved, never past end (the session's
 * lifetime): a slow reader gets a large reply whole, one that stops
 * reading is cut off after idle_ms */
void tls_write_idle(struct tls *t, long long idle_ms, long long end);

/* reads up to len octets of application data; > 0 octets, 0 the peer
 * closed, -1 error (errno ETIMEDOUT after the deadline; the engine can
 * still send) */
long tls_read(void *t, unsigned char *buf, size_t len);

/* queues len octets; 1 done, 0 failed */
int tls_write(struct tls *t, void const *buf, size_t len);

/* sends what is queued; 1 done, 0 failed */
int tls_flush(struct tls *t);

/* sends close_notify and waits for it to leave; 1 done, 0 failed */
int tls_close(struct tls *t);

/* the session's transport over t (sio.h) */
struct sio;
void tls_sio(struct tls *t, struct sio *io);

/* the engine's last error (0 for none) */
int tls_last_error(struct tls const *t);

#endif
