/* 07-lib-line: the bounded line reader (3, 13.10) over a fake source. */
#include <errno.h>
#include <string.h>

#include "line.h"
#include "tap.h"

struct src {
	unsigned char const *p;
	size_t len;
	size_t pos;
	size_t chunk;		/* at most this many octets a read */
	size_t fail_at;		/* a read at this position fails */
	size_t reads;
};

static long
src_read(void *ctx, unsigned char *buf, size_t len)
{
	struct src *s = ctx;
	size_t n = s->len - s->pos;

	s->reads++;
	if (s->pos == s->fail_at) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (n > len)
		n = len;
	if (n > s->chunk)
		n = s->chunk;
	if (s->fail_at > s->pos && n > s->fail_at - s->pos)
		n = s->fail_at - s->pos;
	memcpy(buf, s->p + s->pos, n);
	s->pos += n;
	return (long)n;
}

static void
src_init(struct src *s, void const *p, size_t len, size_t chunk)
{
	s->p = p;
	s->len = len;
	s->pos = 0;
	s->chunk = chunk;
	s->fail_at = (size_t)-1;
	s->reads = 0;
}

/* 1 when the next line of l is want[0..n) */
static int
next_is(struct line *l, char const *want, size_t n)
{
	char *s;
	size_t len;

	return line_get(l, &s, &len) == LINE_OK && len == n &&
	    memcmp(s, want, n) == 0 && s[n] == '\0';
}

static enum line_result
get(struct line *l, size_t *len)
{
	char *s;

	return line_get(l, &s, len);
}

static void
endings(size_t chunk)
{
	static char const in[] = "HELLO\r\nbare lf\n\r\n\na\rb\n";
	struct src s;
	struct line l;
	size_t len;

	src_init(&s, in, sizeof in - 1, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "HELLO", 5) && l.crlf == 1, "chunk %zu: CRLF", chunk);
	ok(next_is(&l, "bare lf", 7) && l.crlf == 0, "chunk %zu: bare LF",
	    chunk);
	ok(next_is(&l, "", 0) && l.crlf == 1, "chunk %zu: empty CRLF line",
	    chunk);
	ok(next_is(&l, "", 0) && l.crlf == 0, "chunk %zu: empty LF line",
	    chunk);
	ok(next_is(&l, "a\rb", 3), "chunk %zu: lone CR kept", chunk);
	ok(get(&l, &len) == LINE_EOF, "chunk %zu: EOF", chunk);
	ok(get(&l, &len) == LINE_EOF, "chunk %zu: EOF again", chunk);
}

static void
limits(size_t chunk)
{
	static unsigned char in[2100];
	struct src s;
	struct line l;
	size_t len;
	char *p;

	memset(in, 'x', sizeof in);
	in[1023] = '\n';
	src_init(&s, in, 1024, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(line_get(&l, &p, &len) == LINE_OK && len == 1023 &&
	    p[1023] == '\0', "chunk %zu: 1023 + LF ok", chunk);

	in[1022] = '\r';
	src_init(&s, in, 1024, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(get(&l, &len) == LINE_OK && len == 1022 && l.crlf,
	    "chunk %zu: 1022 + CRLF ok", chunk);

	in[1022] = 'x';
	in[1023] = 'x';
	in[1024] = '\n';
	src_init(&s, in, 1025, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(get(&l, &len) == LINE_LONG, "chunk %zu: 1024 + LF is long",
	    chunk);
	ok(s.pos <= 1024, "chunk %zu: no more than 1024 octets read",
	    chunk);
	ok(get(&l, &len) == LINE_LONG, "chunk %zu: long stays long", chunk);

	in[1023] = '\r';
	src_init(&s, in, 1025, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(get(&l, &len) == LINE_LONG, "chunk %zu: 1023 + CRLF is long",
	    chunk);

	src_init(&s, in, 1024, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	memset(in, 'x', 1024);
	ok(get(&l, &len) == LINE_LONG,
	    "chunk %zu: 1024 without LF, no EOF yet: long", chunk);

	/* a short line, then a long one, in one stream */
	memset(in, 'y', sizeof in);
	memcpy(in, "NOOP\r\n", 6);
	src_init(&s, in, sizeof in, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "NOOP", 4) && get(&l, &len) == LINE_LONG,
	    "chunk %zu: a line, then a long one", chunk);

	/* a smaller limit */
	src_init(&s, "123456789\n12345678\r\n1234567890\n", 31, chunk);
	line_init(&l, src_read, &s, 10);
	ok(next_is(&l, "123456789", 9), "chunk %zu: max 10: 9 + LF", chunk);
	ok(next_is(&l, "12345678", 8), "chunk %zu: max 10: 8 + CRLF", chunk);
	ok(get(&l, &len) == LINE_LONG, "chunk %zu: max 10: 10 + LF long",
	    chunk);
}

static void
pipelined(size_t chunk)
{
	static char const in[] = "A\r\nBB\nCCC\r\nabc";
	struct src s;
	struct line l;
	size_t len;

	src_init(&s, in, sizeof in - 1, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "A", 1), "chunk %zu: first of three", chunk);
	if (chunk >= sizeof in)
		ok(line_pending(&l) == sizeof in - 1 - 3 && s.reads == 1,
		    "chunk %zu: the rest is buffered", chunk);
	ok(next_is(&l, "BB", 2), "chunk %zu: second", chunk);
	ok(next_is(&l, "CCC", 3), "chunk %zu: third", chunk);
	ok(get(&l, &len) == LINE_EOF, "chunk %zu: EOF mid-line", chunk);
}

static void
nul_inside(void)
{
	static char const in[] = "a\0b\r\n\0\n";
	struct src s;
	struct line l;

	src_init(&s, in, sizeof in - 1, 64);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "a\0b", 3), "NUL inside a line is returned");
	ok(next_is(&l, "\0", 1), "a line of one NUL");
}

static void
exact(size_t chunk)
{
	static char const in[] = "SEND x 10\r\n0123456789NOOP\r\nabcdef";
	unsigned char out[16];
	struct src s;
	struct line l;

	src_init(&s, in, sizeof in - 1, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "SEND x 10", 9), "chunk %zu: the SEND line", chunk);
	ok(line_read_exact(&l, out, 10) == 1 &&
	    memcmp(out, "0123456789", 10) == 0, "chunk %zu: the body", chunk);
	ok(next_is(&l, "NOOP", 4), "chunk %zu: the line after it", chunk);
	ok(line_read_exact(&l, out, 0) == 1, "chunk %zu: 0 octets", chunk);
	ok(line_read_exact(&l, out, 7) == 0, "chunk %zu: EOF in a body",
	    chunk);
}

static void
errors(void)
{
	static char const in[] = "NOOP\r\nQUIT\r\n";
	unsigned char out[8];
	struct src s;
	struct line l;
	size_t len;

	src_init(&s, in, sizeof in - 1, 1);
	s.fail_at = 8;
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "NOOP", 4), "before the error");
	errno = 0;
	ok(get(&l, &len) == LINE_ERR && errno == ETIMEDOUT,
	    "read error: LINE_ERR, errno kept");

	src_init(&s, in, sizeof in - 1, 64);
	s.fail_at = 0;
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(line_read_exact(&l, out, 4) == -1, "read_exact: error");

	src_init(&s, "", 0, 64);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(get(&l, &len) == LINE_EOF, "empty input: EOF");
}

/* a consumed line leaves no copy in the buffer */
static void
wiped(size_t chunk)
{
	static char const in[] = "TOKEN s3cr3t\r\nNOOP\r\nQ";
	unsigned char out[1];
	struct src s;
	struct line l;

	src_init(&s, in, sizeof in - 1, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(next_is(&l, "TOKEN s3cr3t", 12) &&
	    memmem(l.buf, sizeof l.buf, "s3cr3t", 6) != NULL,
	    "chunk %zu: the line is in the buffer", chunk);
	ok(next_is(&l, "NOOP", 4) &&
	    memmem(l.buf, sizeof l.buf, "s3cr3t", 6) == NULL,
	    "chunk %zu: the line before is wiped", chunk);
	ok(line_read_exact(&l, out, 1) == 1 && out[0] == 'Q' &&
	    memmem(l.buf, sizeof l.buf, "NOOP", 4) == NULL,
	    "chunk %zu: read_exact wipes too", chunk);
}

/* many lines of every length, through several chunk sizes */
static void
lengths(size_t chunk)
{
	static unsigned char in[1100 * 64];
	struct src s;
	struct line l;
	size_t n, pos = 0, i, len;
	int good = 1;
	char *p;

	for (n = 0; n < 1024; n += 17) {
		for (i = 0; i < n; i++)
			in[pos + i] = (unsigned char)('a' + (n + i) % 26);
		in[pos + n] = '\n';
		pos += n + 1;
	}
	src_init(&s, in, pos, chunk);
	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	for (n = 0; n < 1024 && good; n += 17) {
		good = line_get(&l, &p, &len) == LINE_OK && len == n;
		for (i = 0; good && i < n; i++)
			good = p[i] == (char)('a' + (n + i) % 26);
	}
	ok(good && get(&l, &len) == LINE_EOF,
	    "chunk %zu: lines of 0..1020 octets", chunk);
}

int
main(void)
{
	static size_t const chunks[] = { 1, 2, 3, 7, 700, 1024, 4096 };
	size_t i;

	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		endings(chunks[i]);
		limits(chunks[i]);
		pipelined(chunks[i]);
		exact(chunks[i]);
		lengths(chunks[i]);
		wiped(chunks[i]);
	}
	nul_inside();
	errors();
	return done();
}
