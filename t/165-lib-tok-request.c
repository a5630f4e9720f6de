/* 165-lib-tok-request: a helper's request line (tok_request, tok_word),
 * the one splitter rune-store's and rune-keys' servers share. */
#include <string.h>

#include "tok.h"
#include "tap.h"

static int
req(char const *s, int crlf)
{
	struct tok v[4];

	return tok_request(v, 4, s, strlen(s), crlf);
}

int
main(void)
{
	struct tok v[4];
	struct tok t = { "put", 3 };

	ok(tok_request(v, 4, "put a@b 12", 10, 0) == 3 &&
	    v[1].len == 3 && !memcmp(v[1].s, "a@b", 3) &&
	    v[2].len == 2 && !memcmp(v[2].s, "12", 2), "three fields");
	ok(req("init", 0) == 1, "one field");
	ok(req("init", 1) == -1, "a CRLF line is refused");
	ok(req("", 0) == -1, "an empty line is refused");
	ok(req(" init", 0) == -1, "a leading space is refused");
	ok(req("init ", 0) == -1, "a trailing space is refused");
	ok(req("put  a", 0) == -1, "two spaces between fields are refused");
	ok(req("put\ta", 0) == -1, "a tab is refused");
	ok(req("a b c d e", 0) == -1, "more fields than max are refused");
	ok(tok_request(v, 4, "in\0t", 4, 0) == -1, "a NUL is refused");
	ok(tok_word(&t, "put"), "tok_word: the word");
	ok(!tok_word(&t, "PUT"), "tok_word: case counts");
	ok(!tok_word(&t, "pu"), "tok_word: a prefix is not the word");
	return done();
}
