/* 63-lib-tsafe: terminal-safe text (lib/tsafe.c), unit by unit, and the
 * client's reply reader's bound on lines (lib/reply.c). */
#include <string.h>

#include "reply.h"
#include "tap.h"
#include "tsafe.h"

/* fix(in) compared with want */
static void
fix(char const *in, size_t n, int flags, char const *want, char const *name)
{
	char buf[256];
	size_t k;

	memcpy(buf, in, n);
	k = tsafe_fix(buf, n, flags);
	is_bytes(buf, k, want, strlen(want), "%s", name);
}

static struct {
	char const *in;
	char const *want;
	char const *name;
} const cases[] = {
	{ "plain ASCII ~", "plain ASCII ~", "printable ASCII kept" },
	{ "a\tb", "a\tb", "tab kept" },
	{ "\033[31mred", "?[31mred", "ESC shown as ?" },
	{ "a\rb\bc\007d\177e", "a?b?c?d?e", "CR, BS, BEL, DEL" },
	{ "\302\2332J", "?2J", "CSI U+009B (C2 9B): one ?" },
	{ "\302\200\302\237", "??", "U+0080 and U+009F" },
	{ "\302\240\302\241", "\302\240\302\241", "U+00A0, U+00A1 kept" },
	{ "\2332J", "?2J", "a raw 0x9B" },
	{ "\342\200\256x\342\200\252\342\201\246\342\201\251",
	    "?x???", "bidi overrides and isolates" },
	{ "\342\200\217\342\200\251", "\342\200\217\342\200\251",
	    "RLM U+200F, U+2029 kept" },
	{ "Gr\303\274\303\237e \360\237\230\200",
	    "Gr\303\274\303\237e \360\237\230\200", "UTF-8 text kept" },
	{ "\300\257", "??", "an overlong /" },
	{ "\340\200\257", "???", "an overlong / in three" },
	{ "\355\240\200", "???", "a surrogate" },
	{ "\364\220\200\200", "????", "above U+10FFFF" },
	{ "\370\210\200\200\200", "?????", "five octets" },
	{ "\342\202", "??", "a sequence cut short" },
	{ "\303(", "?(", "a bad continuation" },
};

int
main(void)
{
	static char big[(REPLY_TOTAL_MAX + 2) * 8 + 16];
	static struct reply r;
	char lf[] = "a\nb\r\nc";
	size_t i, n = 0;
	int ok_;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		fix(cases[i].in, strlen(cases[i].in), 0, cases[i].want,
		    cases[i].name);
	fix("a\0b", 3, 0, "a?b", "NUL");
	fix(lf, strlen(lf), 0, "a?b??c", "LF and CR in a log line");
	fix(lf, strlen(lf), TSAFE_LF, "a\nb?\nc", "TSAFE_LF keeps LF");
	ok(tsafe_len((unsigned char const *)"\342\200\256", 3, 0, &ok_) == 3 &&
	    !ok_, "tsafe_len: RLO is one unit of 3, not ok");
	ok(tsafe_len((unsigned char const *)"\303\274", 2, 0, &ok_) == 2 &&
	    ok_, "tsafe_len: u-umlaut is one unit of 2, ok");

	/* a reply of REPLY_TOTAL_MAX lines is read; one more is not */
	for (i = 0; i + 1 < REPLY_TOTAL_MAX; i++) {
		memcpy(big + n, "250-X\r\n", 7);
		n += 7;
	}
	memcpy(big + n, "250 X\r\n", 7);
	ok(reply_parse(&r, big, n + 7) && r.total == REPLY_TOTAL_MAX &&
	    r.nlines == REPLY_LINES_MAX, "a reply of %d lines",
	    REPLY_TOTAL_MAX);
	memcpy(big + n, "250-X\r\n250 X\r\n", 14);
	ok(!reply_parse(&r, big, n + 14) && r.why != NULL &&
	    strstr(r.why, "more than") != NULL, "a reply of %d lines: %s",
	    REPLY_TOTAL_MAX + 1, r.why ? r.why : "(no why)");
	return done();
}
