/* 201-rune-localrec: the pieces rune fetch writes a large message with
 * give the in-memory path's octets:
 *   - the local record made in passes over a file (localrec_put_fd,
 *     written atomically as cache/ID, 0600) equals localrec_make's for
 *     the same nonce, for payloads of 0 octets, around the 32 KiB piece
 *     (plain's 240-octet head before it) and large;
 *     localrec_open_fd opens it, and refuses it with its tag or its
 *     ciphertext's first or last octet flipped;
 *   - maildir_deliver_fd's file equals maildir_deliver's for bodies with
 *     a CR at a 32 KiB piece boundary, a CRLF split across pieces, a
 *     lone CR at the end, an empty body, and a body from an offset. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "localrec.h"
#include "maildir.h"
#include "paytmp.h"
#include "received.h"
#include "tap.h"

static unsigned char *
slurp(char const *path, size_t *n)
{
	struct stat st;
	unsigned char *b;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0 ||
	    (b = malloc((size_t)st.st_size + 1)) == NULL)
		bail("read %s", path);
	*n = (size_t)st.st_size;
	if (read(fd, b, *n) != (ssize_t)*n)
		bail("read %s", path);
	close(fd);
	return b;
}

/* localrec_open_fd of rec[0..len): plain is hdr || payload; with an
 * octet flipped (the tag, the ciphertext's start or end) it is refused */
static void
opens(struct home const *h, unsigned char *rec, size_t len,
    unsigned char const sk[64], struct received const *r,
    unsigned char const *pay, size_t n)
{
	static size_t const at[] = { 40, 53, 0 };
	unsigned char hdr[LOCALREC_PLAIN_HDR], want[LOCALREC_PLAIN_HDR], *b;
	struct paytmp rt, plain;
	size_t i, bl;
	int good;

	paytmp_open(&rt, h);
	paytmp_put(&rt, rec, len);
	good = localrec_open_fd(h, &rt, sk, &plain, hdr);
	paytmp_close(&rt);
	localrec_hdr(want, r);
	b = NULL;
	bl = 0;
	if (good) {
		bl = (size_t)plain.n;
		if ((b = malloc(bl + 1)) == NULL ||
		    !paytmp_read(&plain, 0, b, bl))
			bail("read back");
	}
	ok(good && bl == LOCALREC_PLAIN_HDR + n &&
	    memcmp(hdr, want, sizeof want) == 0 &&
	    memcmp(b, want, sizeof want) == 0 &&
	    (n == 0 || memcmp(b + LOCALREC_PLAIN_HDR, pay, n) == 0),
	    "localrec_open_fd gives its head and payload back");
	if (good)
		paytmp_close(&plain);
	free(b);
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		size_t k = at[i] ? at[i] : len - 1;

		rec[k] ^= 0x01;
		paytmp_open(&rt, h);
		paytmp_put(&rt, rec, len);
		good = localrec_open_fd(h, &rt, sk, &plain, hdr);
		paytmp_close(&rt);
		rec[k] ^= 0x01;
		ok(!good && plain.fd < 0, "and refuses it with octet %zu "
		    "flipped", k);
	}
}

static void
one_record(struct home const *h, unsigned char const *pay, size_t n,
    size_t off)
{
	unsigned char sk[64], pk[32], nonce[24];
	char path[HOME_PATH_MAX + 100], id[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	struct buf mem = { 0 };
	struct received r;
	struct paytmp t;
	struct stat st;
	unsigned char *got;
	size_t glen;

	crypto_sign_keypair(pk, sk);
	randombytes_buf(nonce, sizeof nonce);
	received_init(&r);
	r.fs = 1;
	r.withheld = 0;
	r.m.anonymous = 1;
	r.tkh_unchecked = 1;
	r.m.time = 1800000123ULL;
	if (!addr_parse(&r.m.sender, "alice@runetest", 14))
		bail("addr");
	randombytes_buf(r.m.cert.spk, sizeof r.m.cert.spk);
	randombytes_buf(r.m.spk, sizeof r.m.spk);
	randombytes_buf(r.m.opk, sizeof r.m.opk);
	randombytes_buf(r.m.blobhash, sizeof r.m.blobhash);
	r.m.payload = pay + off;
	r.m.paylen = n;
	localrec_make(&r, sk, nonce, &mem);
	paytmp_open(&t, h);
	paytmp_put(&t, pay, off + n);
	localrec_put_fd(h, id, &r, sk, nonce, &t, off, n);
	paytmp_close(&t);
	snprintf(path, sizeof path, "%s/cache/%s", h->dir, id);
	got = slurp(path, &glen);
	is_bytes(got, glen, mem.s, mem.len, "the streamed record of %zu "
	    "octets (from offset %zu) is localrec_make's", n, off);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "and it is 0600");
	opens(h, got, glen, sk, &r, pay + off, n);
	free(got);
	buf_free(&mem);
	r.m.payload = NULL;
	received_free(&r);
}

/* the one file in dir/new named name, read, then removed */
static unsigned char *
take(char const *dir, char const *name, size_t *n)
{
	char path[4200];
	unsigned char *b;

	snprintf(path, sizeof path, "%s/new/%s", dir, name);
	b = slurp(path, n);
	unlink(path);
	return b;
}

static void
one_body(char const *dir, struct home const *h, unsigned char const *body,
    size_t n, size_t off, char const *what)
{
	static unsigned char const head[] = "X-Rune-Sender: a@b\nFrom: a@b\n\n";
	char n1[64], n2[64];
	struct paytmp t;
	unsigned char *a, *b, *pre = calloc(1, off + 1);
	size_t al, bl;

	if (pre == NULL)
		bail("oom");
	paytmp_open(&t, h);
	paytmp_put(&t, pre, off);
	paytmp_put(&t, body, n);
	maildir_deliver(dir, head, sizeof head - 1, body, n, n1);
	maildir_deliver_fd(dir, head, sizeof head - 1, t.fd, off, n, n2);
	paytmp_close(&t);
	a = take(dir, n1, &al);
	b = take(dir, n2, &bl);
	is_bytes(b, bl, a, al, "maildir_deliver_fd: %s", what);
	free(a);
	free(b);
	free(pre);
}

int
main(void)
{
	static size_t const sizes[] = { 0, 1, 32768 - 241, 32768 - 240,
	    32768 - 239, 32768, 65536 + 7, 300001 };
	char dir[] = "/tmp/rune-t201.XXXXXX", md[4200];
	struct home h;
	unsigned char *p;
	size_t i, n = 300001 + 100, k = 32768;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL ||
	    (p = malloc(n)) == NULL)
		bail("init");
	home_init(&h, dir);
	randombytes_buf(p, n);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		one_record(&h, p, sizes[i], 0);
	one_record(&h, p, 40000, 99);

	snprintf(md, sizeof md, "%s/md", dir);
	maildir_init(md);
	memset(p, 'a', n);
	for (i = 100; i < n; i += 1000)
		p[i] = '\n';
	p[k - 1] = '\r';	/* CR as a piece's last octet, LF next */
	p[k] = '\n';
	one_body(md, &h, p, 3 * k, 0, "CRLF split across pieces");
	p[k] = 'x';		/* a lone CR at the boundary */
	one_body(md, &h, p, 3 * k, 0, "a lone CR as a piece's last octet");
	p[2 * k] = '\r';	/* CR as a piece's first octet */
	p[2 * k + 1] = '\n';
	one_body(md, &h, p, 3 * k, 0, "CRLF at a piece's start");
	p[3 * k - 1] = '\r';
	one_body(md, &h, p, 3 * k, 0, "a lone CR at the end");
	one_body(md, &h, p, 0, 0, "an empty body");
	one_body(md, &h, (unsigned char const *)"\r", 1, 0, "a lone CR");
	one_body(md, &h, p, 3 * k, 5, "from offset 5");
	for (i = 0; i < n; i++)
		p[i] = "\r\n\r\nab"[randombytes_uniform(6)];
	one_body(md, &h, p, n, 0, "random CRs and LFs");
	one_body(md, &h, p, n - 3, 3, "random, from offset 3");
	free(p);
	/* what the test made, gone */
	snprintf(md, sizeof md, "%s/cache/0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", dir);
	(void)unlink(md);
	for (i = 0; i < 7; i++) {
		static char const *const sub[] = { "md/tmp", "md/new", "md/cur",
		    "md", "cache", "tmp", "" };

		snprintf(md, sizeof md, "%s/%s", dir, sub[i]);
		(void)rmdir(md);
	}
	ok(access(dir, F_OK) != 0, "the test's directory is gone");
	return done();
}
