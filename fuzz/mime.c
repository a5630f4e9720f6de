/* mime.c: fuzz target: the client's reading of a received payload's
 * header section (rune/header.c: Subject, Message-ID, References for a
 * reply; rune/headersafe.c: the sender's From and the like renamed, control
 * octets replaced), the terminal-safe text of what it prints
 * (lib/tsafe.c), and its MIME builder (rune/mime.c) fed the same octets
 * as subject, body and an attachment.  The payload is the input after
 * octet 0; octet 0 picks where it is cut into the builder's fields. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "buf.h"
#include "fuzz.h"
#include "header.h"
#include "headersafe.h"
#include "mime.h"
#include "tsafe.h"

/* headersafe: what it writes before the body has no field the sender may not
 * supply as it is (those come out X-Rune-Original-NAME) and no control
 * octet but tab and the line ends */
static void
check_hdrfix(unsigned char const *p, size_t n)
{
	struct buf b = { 0 };
	size_t body = headersafe(&b, p, n), i = 0;

	if (body > n)
		__builtin_trap();
	while (i < b.len) {
		unsigned char const *lf = memchr(b.s + i, '\n', b.len - i);
		size_t len = lf ? (size_t)(lf - (b.s + i)) : b.len - i, k;
		unsigned char const *l = b.s + i;

		for (k = 0; k < len; k++)
			if ((l[k] < 0x20 && l[k] != '\t') || l[k] == 0x7f)
				__builtin_trap();
		if (len > 0 && l[0] != ' ' && l[0] != '\t') {
			unsigned char const *c = memchr(l, ':', len);
			size_t nl = c ? (size_t)(c - l) : 0;

			while (nl > 0 && (l[nl - 1] == ' ' || l[nl - 1] == '\t'))
				nl--;
			if (c && headersafe_renamed((char const *)l, nl) &&
			    (nl < 16 || strncasecmp((char const *)l,
			    "X-Rune-Original-", 16) != 0))
				__builtin_trap();
		}
		i += len + 1;
	}
	buf_free(&b);
}

/* tsafe_fix: no control octet is left but tab (and LF with TSAFE_LF),
 * it never grows, and what it leaves it leaves as it is */
static void
check_tsafe(unsigned char const *p, size_t n, int flags)
{
	char *s = malloc(n + 1), *t = malloc(n + 1);
	size_t m, i;

	if (!s || !t)
		abort();
	memcpy(s, p, n);
	m = tsafe_fix(s, n, flags);
	if (m > n)
		__builtin_trap();
	for (i = 0; i < m; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && !(c == '\n' && flags)) ||
		    c == 0x7f)
			__builtin_trap();
	}
	memcpy(t, s, m);
	if (tsafe_fix(t, m, flags) != m || memcmp(s, t, m) != 0)
		__builtin_trap();
	free(s);
	free(t);
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	static char const *const names[] = { "Subject", "Message-ID",
	    "References", "From", "In-Reply-To", "X" };
	char out[1000], *subj;
	struct addr from, to;
	struct mime_att att;
	struct mime_msg mm;
	struct buf b = { 0 };
	size_t i, cut;

	if (size < 1)
		return 0;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (header_get(data + 1, size - 1, names[i], out, 1 +
		    (size_t)data[0] * 4) && strlen(out) > (size_t)data[0] * 4)
			__builtin_trap();
	if (!addr_parse(&from, "alice@fuzztest", strlen("alice@fuzztest")) ||
	    !addr_parse(&to, "bob@fuzztest", strlen("bob@fuzztest")))
		abort();
	check_hdrfix(data + 1, size - 1);
	check_tsafe(data + 1, size - 1, data[0] & 1 ? TSAFE_LF : 0);

	/* the builder: subject = first cut octets (NUL-ended), body and
	 * attachment the rest */
	cut = (size_t)data[0] < size - 1 ? (size_t)data[0] : size - 1;
	subj = malloc(cut + 1);
	if (!subj)
		abort();
	memcpy(subj, data + 1, cut);
	subj[cut] = '\0';
	memset(&mm, 0, sizeof mm);
	mm.from = &from;
	mm.to = &to;
	mm.subject = mime_subject_ok(subj) ? subj : NULL;
	/* raw only as the client makes it: header text (header_get's) */
	mm.subject_raw = data[0] & 1;
	for (i = 0; i < cut; i++)
		if ((subj[i] < 0x20 && subj[i] != '\t') || subj[i] > 0x7e)
			mm.subject_raw = 0;
	mm.body = data + 1 + cut;
	mm.bodylen = size - 1 - cut;
	att.name = "a.bin";
	att.data = data + 1;
	att.len = size - 1;
	mm.att = &att;
	mm.natt = data[0] & 2 ? 1 : 0;
	mime_build(&b, NULL, &mm);
	/* what is built is a message whose header the reader can read */
	if (mm.subject && !mm.subject_raw && b.len == 0)
		__builtin_trap();
	(void)header_get(b.s, b.len, "Subject", out, sizeof out);
	buf_free(&b);
	free(subj);
	return 0;
}
