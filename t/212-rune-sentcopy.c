/* 212-rune-sentcopy: the sent copy made from the payload's file
 * (sentcopy_deliver, through maildir_deliver_fd, 32 KiB pieces) is, octet
 * for octet, the file the old way made: maildir_deliver of the payload in
 * memory after the same X-Rune-Sent-Id lines.  Payloads of 0 and 1
 * octets, a lone CR, CRLF, CRLF across the 32 KiB piece edges, a CR as
 * the last octet, a payload from an offset (an outbox entry's), and
 * MAXSIZE (10 MiB) with CRLFs throughout. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "maildir.h"
#include "sentcopy.h"
#include "tap.h"
#include "writeall.h"

#define MAXSIZE 10485760

static char top[] = "/tmp/t212.XXXXXX";
static struct addr to[2];
static char ids[2][RUNE_ID_HEX_LEN + 1];

/* the one file under dir/new, read whole into b (then removed) */
static void
take(char const *dir, struct buf *b)
{
	char path[512], full[1024];
	struct dirent *e;
	DIR *d;
	int fd, n = 0;
	ssize_t r;

	snprintf(path, sizeof path, "%s/new", dir);
	if ((d = opendir(path)) == NULL)
		bail("opendir %s", path);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		snprintf(full, sizeof full, "%s/%s", path, e->d_name);
		if ((fd = open(full, O_RDONLY)) < 0)
			bail("open %s", full);
		for (;;) {
			buf_room(b, 65536);
			r = read(fd, b->s + b->len, 65536);
			if (r < 0)
				bail("read");
			if (r == 0)
				break;
			b->len += (size_t)r;
		}
		close(fd);
		unlink(full);
	}
	closedir(d);
	if (n != 1)
		bail("%d files in %s", n, path);
}

static void
one(char const *what, unsigned char const *p, size_t n, size_t off,
    size_t nto)
{
	char d1[64], d2[64], name[64];
	char path[] = "/tmp/t212.pay.XXXXXX";
	struct buf head = { 0 }, a = { 0 }, b = { 0 };
	unsigned char pad[7] = "garbage";
	size_t k;
	int fd;

	snprintf(d1, sizeof d1, "%s/old", top);
	snprintf(d2, sizeof d2, "%s/new", top);
	maildir_init(d1);
	for (k = 0; k < nto; k++)
		buf_fmt(&head, "X-Rune-Sent-Id: %s %s\n", ids[k], to[k].s);
	maildir_deliver(d1, head.s, head.len, p, n, name);
	if ((fd = mkstemp(path)) < 0 || unlink(path) < 0)
		bail("mkstemp");
	if (off > 0 && !writeall(fd, pad, off < sizeof pad ? off : sizeof pad))
		bail("write");
	if ((n > 0 && !writeall(fd, p, n)) || !writeall(fd, pad, sizeof pad))
		bail("write");
	sentcopy_deliver(d2, fd, off < sizeof pad ? off : sizeof pad, n, to,
	    nto, (char const (*)[RUNE_ID_HEX_LEN + 1])ids);
	close(fd);
	take(d1, &a);
	take(d2, &b);
	ok(a.len > 0, "%s: the old way made %zu octets", what, a.len);
	is_bytes(b.s, b.len, a.s, a.len, "%s (%zu octets): the copy from "
	    "the file is the old one octet for octet", what, n);
	buf_free(&head);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	static unsigned char small[] = "Subject: hi\r\n\r\nline one\r\nline two\r"
	    "\n\rlone cr\n";
	unsigned char *big;
	size_t const P = 32768;
	size_t i;
	char cmd[64];

	if (sodium_init() < 0 || mkdtemp(top) == NULL)
		bail("setup");
	if (!addr_parse(&to[0], "bob@runetest", 12) ||
	    !addr_parse(&to[1], "carol@runetest", 14))
		bail("addr_parse");
	memset(ids[0], 'a', RUNE_ID_HEX_LEN);
	memset(ids[1], 'b', RUNE_ID_HEX_LEN);
	if ((big = malloc(MAXSIZE)) == NULL)
		bail("out of memory");
	one("empty", (unsigned char const *)"", 0, 0, 1);
	one("one octet", (unsigned char const *)"x", 1, 0, 1);
	one("a lone CR", (unsigned char const *)"\r", 1, 0, 1);
	one("CRLF", (unsigned char const *)"\r\n", 2, 0, 2);
	one("a small message", small, sizeof small - 1, 0, 2);
	one("a small message from offset 7 (an outbox entry)", small,
	    sizeof small - 1, 7, 1);
	for (i = 0; i < P + 2; i++)
		big[i] = 'a' + (unsigned char)(i % 26);
	big[P - 1] = '\r';
	big[P] = '\n';
	one("CRLF across the piece edge", big, P + 2, 0, 1);
	one("CRLF across the piece edge, from offset 1", big, P + 2, 1, 1);
	big[P - 1] = 'x';
	big[P] = '\r';
	one("a CR as the last octet of 32769", big, P + 1, 0, 1);
	one("a CR as the last octet of 32769, from offset 7", big, P + 1, 7, 1);
	randombytes_buf(big, MAXSIZE);
	for (i = 0; i + 1 < MAXSIZE; i += 1 + big[i] % 200) {
		big[i] = '\r';
		big[i + 1] = '\n';
	}
	for (i = P - 1; i + 1 < MAXSIZE; i += P) {
		big[i] = '\r';
		big[i + 1] = '\n';
	}
	one("MAXSIZE with CRLFs throughout", big, MAXSIZE, 0, 2);
	one("MAXSIZE from offset 7", big, MAXSIZE, 7, 1);
	free(big);
	snprintf(cmd, sizeof cmd, "rm -rf %s", top);
	if (system(cmd) != 0)
		bail("rm");
	return done();
}
