/* 09-lib-reply: coded replies (section 4, 13.12) against every vector of
 * vectors.json "replies", written and read, and hostile cases. */
#include <string.h>

#include "reply.h"
#include "tap.h"
#include "lib/vec.h"

static struct reply r;

struct src {
	char const *p;
	size_t len;
	size_t pos;
	size_t chunk;
};

static long
src_read(void *ctx, unsigned char *buf, size_t len)
{
	struct src *s = ctx;
	size_t n = s->len - s->pos;

	if (n > len)
		n = len;
	if (n > s->chunk)
		n = s->chunk;
	memcpy(buf, s->p + s->pos, n);
	s->pos += n;
	return (long)n;
}

/* 1 when r holds code and the lines of the vector o */
static int
same(json_t *o)
{
	json_t *lines = json_object_get(o, "lines");
	size_t i;

	if (!json_is_array(lines) || r.code != vec_int(o, "code") ||
	    (size_t)r.nlines != json_array_size(lines) ||
	    (size_t)r.total != json_array_size(lines))
		return 0;
	for (i = 0; i < json_array_size(lines); i++) {
		json_t *t = json_array_get(lines, i);

		if (!json_is_string(t) ||
		    strcmp(r.text[i], json_string_value(t)) != 0)
			return 0;
	}
	return 1;
}

/* writes the reply of the vector o with reply_fmt; returns its length */
static size_t
write_reply(json_t *o, char *out, size_t max)
{
	json_t *lines = json_object_get(o, "lines");
	size_t i, n, k = json_array_size(lines), used = 0;

	for (i = 0; i < k; i++) {
		n = reply_fmt(out + used, max - used, (int)vec_int(o, "code"),
		    i + 1 < k, json_string_value(json_array_get(lines, i)));
		if (n == 0)
			return 0;
		used += n;
	}
	return used;
}

static void
vectors(void)
{
	json_t *a = vec_array("replies");
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		json_t *o = vec_at(a, i);
		static char wire[8192], out[8192];
		size_t n = vec_text(o, "wire", wire, sizeof wire);
		int valid = vec_bool(o, "valid");
		struct src s = { wire, n, 0, 1 };
		struct line l;
		int got;

		ok(reply_parse(&r, wire, n) == valid, "reply %s: %s",
		    vec_name(o), valid ? "valid" : "invalid");
		line_init(&l, src_read, &s, RUNE_LINE_MAX);
		got = reply_read(&l, &r);
		if (!valid) {
			ok(got != 1 || s.pos != n,
			    "reply %s: refused octet by octet", vec_name(o));
			continue;
		}
		ok(got == 1 && s.pos == n && same(o),
		    "reply %s: read octet by octet: code and lines",
		    vec_name(o));
		ok(reply_parse(&r, wire, n) && same(o),
		    "reply %s: parsed: code and lines", vec_name(o));
		is_bytes(out, write_reply(o, out, sizeof out), wire, n,
		    "reply %s: written", vec_name(o));
	}
}

static void
parse_hostile(void)
{
	static char big[80 * 16];
	char line[RUNE_LINE_MAX + 8];
	size_t i, n;

	ok(!reply_parse(&r, "", 0), "length 0");
	ok(!reply_parse(&r, "250 ok\n", 7), "bare LF");
	ok(!reply_parse(&r, "250 ok\r\n", 6), "only len octets: no CRLF");
	ok(!reply_parse(&r, "250\r\n", 5), "no separator, no text");
	ok(reply_parse(&r, "250 \r\n", 6) && r.text[0][0] == '\0',
	    "empty text");
	ok(!reply_parse(&r, "199 x\r\n", 7) && !reply_parse(&r, "600 x\r\n",
	    7) && !reply_parse(&r, "050 x\r\n", 7), "codes outside 2xx..5xx");
	ok(reply_parse(&r, "599 x\r\n", 7) && r.code == 599 &&
	    reply_parse(&r, "200 x\r\n", 7) && r.code == 200, "2xx..5xx");
	ok(!reply_parse(&r, "250 o\0k\r\n", 9), "embedded NUL");
	ok(!reply_parse(&r, "250 o\tk\r\n", 9), "tab in text");
	ok(!reply_parse(&r, "250 o\rk\r\n", 9), "CR in text");
	ok(!reply_parse(&r, "250 \xc3\xa9\r\n", 8), "UTF-8 in text");
	ok(!reply_parse(&r, "250 ok\r\n250 ok\r\n", 16), "two replies");
	ok(!reply_parse(&r, "250 ok\r\nx", 9), "an octet after");
	ok(!reply_parse(&r, "250-a\r\n250-b\r\n", 14), "no final line");
	ok(!reply_parse(&r, "250-a\r\n250 b", 12), "final line unended");
	ok(!reply_parse(&r, " 250 ok\r\n", 9), "leading space");
	ok(!reply_parse(&r, "+250 ok\r\n", 9), "sign");
	ok(!reply_parse(&r, "HOWDY welcome\r\n", 15), "greeting");

	/* line limit: 1022 + CRLF is the longest line */
	memcpy(line, "250 ", 4);
	memset(line + 4, 'x', sizeof line - 4);
	memcpy(line + 1022, "\r\n", 2);
	ok(reply_parse(&r, line, 1024) && strlen(r.text[0]) == 1018,
	    "max: 1022 + CRLF");
	memcpy(line + 1022, "x\r\n", 3);
	ok(!reply_parse(&r, line, 1025), "max+1: 1023 + CRLF");

	/* more lines than kept: all counted, 64 kept */
	for (i = n = 0; i < 70; i++) {
		memcpy(big + n, i < 69 ? "250-l\r\n" : "250 e\r\n", 7);
		n += 7;
	}
	ok(reply_parse(&r, big, n) && r.total == 70 &&
	    r.nlines == REPLY_LINES_MAX && r.code == 250,
	    "70 lines: 70 counted, 64 kept");
}

static void
read_stream(void)
{
	static char const in[] =
	    "250-RUNE 1\r\n250 ok\r\n221 bye\r\n250-a\r\n251 b\r\n";
	struct src s = { in, sizeof in - 1, 0, 4096 };
	struct line l;

	line_init(&l, src_read, &s, RUNE_LINE_MAX);
	ok(reply_read(&l, &r) == 1 && r.code == 250 && r.nlines == 2,
	    "stream: first reply");
	ok(reply_read(&l, &r) == 1 && r.code == 221 &&
	    strcmp(r.text[0], "bye") == 0, "stream: second, pipelined");
	ok(reply_read(&l, &r) == 0, "stream: mixed codes malformed");
	ok(reply_read(&l, &r) == -1, "stream: end of input");
}

static void
fmt(void)
{
	char out[64];

	is_u64(reply_fmt(out, sizeof out, 250, 0, "ok"), 8, "fmt: length");
	is_str(out, "250 ok\r\n", "fmt: final line");
	reply_fmt(out, sizeof out, 250, 1, "RUNE 1");
	is_str(out, "250-RUNE 1\r\n", "fmt: continued line");
	ok(reply_fmt(out, 9, 250, 0, "ok") == 8, "fmt: max: exact room");
	ok(reply_fmt(out, 8, 250, 0, "ok") == 0, "fmt: max+1: no NUL room");
	ok(reply_fmt(out, 0, 250, 0, "ok") == 0, "fmt: no room");
	ok(reply_fmt(out, sizeof out, 250, 0, "ok\r\n250 x") == 0,
	    "fmt: CRLF in text refused");
	ok(reply_fmt(out, sizeof out, 199, 0, "x") == 0 &&
	    reply_fmt(out, sizeof out, 600, 0, "x") == 0 &&
	    reply_fmt(out, sizeof out, -250, 0, "x") == 0, "fmt: bad codes");
	ok(reply_fmt(out, sizeof out, 250, 0, "") == 6, "fmt: empty text");
}

static void
fmt_long(void)
{
	static char text[RUNE_LINE_MAX + 1], out[RUNE_LINE_MAX + 16];

	memset(text, 'y', 1018);
	text[1018] = '\0';
	ok(reply_fmt(out, sizeof out, 250, 0, text) == 1024,
	    "fmt: 1018 octets of text make a 1024-octet line");
	text[1018] = 'y';
	text[1019] = '\0';
	ok(reply_fmt(out, sizeof out, 250, 0, text) == 0,
	    "fmt: 1019 octets of text refused");
}

int
main(void)
{
	vectors();
	parse_hostile();
	read_stream();
	fmt();
	fmt_long();
	vec_free();
	return done();
}
