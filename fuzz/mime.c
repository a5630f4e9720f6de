/* mime.c: fuzz target: the client's reading of a received payload's
 * header section (rune/hdr.c: Subject, Message-ID, References for a
 * reply; rune/maildir.c maildir_from_ok: the From check) and its MIME
 * builder (rune/mime.c) fed the same octets as subject, body and an
 * attachment.  The payload is the input after octet 0; octet 0 picks
 * where it is cut into the builder's fields. */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "buf.h"
#include "fuzz.h"
#include "hdr.h"
#include "maildir.h"
#include "mime.h"

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
		if (hdr_get(data + 1, size - 1, names[i], out, 1 +
		    (size_t)data[0] * 4) && strlen(out) > (size_t)data[0] * 4)
			__builtin_trap();
	if (!addr_parse(&from, "alice@fuzztest", strlen("alice@fuzztest")) ||
	    !addr_parse(&to, "bob@fuzztest", strlen("bob@fuzztest")))
		abort();
	(void)maildir_from_ok(data + 1, size - 1, &from);

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
	/* raw only as the client makes it: header text (hdr_get's) */
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
	mime_build(&b, &mm);
	/* what is built is a message whose header the reader can read */
	if (mm.subject && !mm.subject_raw && b.len == 0)
		__builtin_trap();
	(void)hdr_get(b.s, b.len, "Subject", out, sizeof out);
	buf_free(&b);
	free(subj);
	return 0;
}
