/* sendstream.c: a SEND whose client blob (v1) or blob2 (SEND ... 2) is
 * over SEND_MEM_MAX octets, streamed (doc/design.md, "Streaming"): the
 * blob goes, as it arrives, to a spool file that has no name (O_TMPFILE
 * in $TMPDIR or /tmp) while Ed25519's nonce hash reads it; three passes
 * over the spool then make vsig, the seal's MAC, and the stored blob,
 * written to rune-store as it is made, its id hashed on the way.  The
 * session holds two 64 KiB buffers, never the blob: the stored blob is
 * the one envelope_make (envelope2_make for a blob2) would make
 * (lib/envstream.c, t/141), and rune-store still gets only "put ADDRESS
 * SIZE" and the octets. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

#include "clock.h"
#include "envstream.h"
#include "deadline.h"
#include "replies.h"
#include "slog.h"
#include "sendstream.h"
#include "session.h"
#include "store.h"
#include "writeall.h"

#define CHUNK 65536	/* octets that must come within the idle time */

struct job {
	struct envstream e;
	int spool;
	uint64_t size;
	unsigned char *id;
	unsigned char buf[CHUNK];
	crypto_generichash_state h;	/* emit: the id's hash */
	int out;			/* emit: rune-store's descriptor */
};

/* a file with no name, gone with its descriptor; -1 on failure */
static int
spool_open(void)
{
	char const *d = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (d == NULL || d[0] != '/')
		d = "/tmp";
	fd = open(d, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR))
		return fd;
	/* a file system without O_TMPFILE: a name, removed at once */
	if (snprintf(path, sizeof path, "%s/rune-spool.XXXXXX", d) >=
	    (int)sizeof path)
		return errno = ENAMETOOLONG, -1;
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0 && unlink(path) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* one pass over the spool: fn on every chunk in place; 1 done, 0 a read
 * failed or fn did (0) */
static int
pass(struct job *j, int (*fn)(struct job *, unsigned char *, size_t))
{
	uint64_t at = 0;

	while (at < j->size) {
		size_t k = j->size - at < CHUNK ? (size_t)(j->size - at) : CHUNK;
		ssize_t r = pread(j->spool, j->buf, k, (off_t)at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r == 0 ? (errno = EIO, 0) : 0;
		if (!fn(j, j->buf, (size_t)r))
			return 0;
		at += (uint64_t)r;
	}
	return 1;
}

static int
hram(struct job *j, unsigned char *p, size_t n)
{
	envstream_hram(&j->e, p, n);
	return 1;
}

static int
mac(struct job *j, unsigned char *p, size_t n)
{
	envstream_crypt(&j->e, p, p, n);
	return 1;
}

/* a chunk of the blob to rune-store: encrypted, hashed, written */
static int
out(struct job *j, unsigned char *p, size_t n)
{
	envstream_crypt(&j->e, p, p, n);
	(void)crypto_generichash_update(&j->h, p, n);
	return writeall(j->out, p, n);
}

/* the stored blob to rune-store: the head, then the blob encrypted
 * chunk by chunk; the id hashed over all of it */
static int
emit(int fd, void *ctx)
{
	unsigned char hdr[RUNE_STORED_HDR];
	struct job *j = ctx;

	envstream_crypt_begin(&j->e, 0, hdr);
	(void)crypto_generichash_init(&j->h, NULL, 0, RUNE_ID_LEN);
	(void)crypto_generichash_update(&j->h, hdr, sizeof hdr);
	j->out = fd;
	if (!writeall(fd, hdr, sizeof hdr) || !pass(j, out))
		return 0;
	(void)crypto_generichash_final(&j->h, j->id, RUNE_ID_LEN);
	return 1;
}

/* reads the client blob into the spool, hashing it; once *failed is
 * set (errno of a spool write, or EINVAL) the octets are read and
 * dropped; 1 done, 0 the client is gone or broke the stream, -1 timeout;
 * *bad set when a blob2's octet 0 is not 0x02 */
static int
receive(struct session *s, struct job *j, int *failed, int *bad)
{
	uint64_t at = 0;

	while (at < j->size) {
		size_t k = j->size - at < CHUNK ? (size_t)(j->size - at) : CHUNK;
		int r;

		deadline_read(s);
		r = line_read_exact(&s->in, j->buf, k);
		if (r != 1)
			return r < 0 && errno == ETIMEDOUT ? -1 : 0;
		/* the server's one check of a blob2 (cmd_send.c's too) */
		if (at == 0 && j->e.version == RUNE2_VERSION_OCTET &&
		    j->buf[0] != RUNE2_VERSION_OCTET) {
			*bad = 1;
			if (!*failed)
				*failed = EINVAL;	/* the rest dropped */
		}
		envstream_nonce(&j->e, j->buf, k);
		if (!*failed && !writeall(j->spool, j->buf, k))
			*failed = errno ? errno : EIO;
		at += k;
	}
	return 1;
}

int
send_stream(struct session *s, unsigned char version,
    struct addr const *sender, struct addr const *rcpt,
    unsigned char const pk[RUNE_PK_LEN], char const *mbox, uint64_t size,
    unsigned char id[RUNE_ID_LEN])
{
	char text[32];
	struct job *j;
	int r, failed = 0, bad = 0, code = 451;

	j = malloc(sizeof *j);
	if (j == NULL || (j->spool = spool_open()) < 0) {
		slog(s, "event=spool-failed");
		free(j);
		reply(s, 451, "temporary failure, nothing stored");
		return -1;
	}
	j->size = size;
	j->id = id;
	if (!envstream_begin(&j->e, version, rcpt, sender, clock_now(),
	    s->server_sk))
		failed = EINVAL;
	snprintf(text, sizeof text, "send %llu octets",
	    (unsigned long long)size);
	reply(s, 340, text);
	r = receive(s, j, &failed, &bad);
	if (bad)
		code = 400;
	else if (r == 1 && !failed) {
		envstream_hram_begin(&j->e);
		if (pass(j, hram)) {
			envstream_sign_end(&j->e);
			if (envstream_seal_begin(&j->e, pk)) {
				envstream_crypt_begin(&j->e, 1, NULL);
				if (pass(j, mac)) {
					envstream_mac_end(&j->e);
					code = store_put_emit(s, rcpt, mbox,
					    size + RUNE_STORED_EXTRA, emit, j,
					    id);
				}
			}
		}
	}
	envstream_wipe(&j->e);
	close(j->spool);
	free(j);
	if (r < 0) {
		deadline_timeout(s);
		return -1;
	}
	if (r == 0) {
		s->closing = 1;
		s->endreason = "short-send";
		return -1;
	}
	if (failed && !bad)
		slog(s, "event=spool-failed");
	return code;
}
