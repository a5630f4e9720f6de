/* encwords.c: RFC 2047 encoded words, as encwords.h says. */
#include <string.h>

#include "charset.h"
#include "encwords.h"
#include "mimepart.h"

#define CS_MAX 40

/* the encoded word at v[0..n): its length (0 when there is none), its
 * charset, encoding and text [*t, *t + *tl) */
static size_t
word(unsigned char const *v, size_t n, char cs[CS_MAX + 1], char *enc,
    size_t *t, size_t *tl)
{
	size_t i = 2, c0, e;

	if (n < 8 || v[0] != '=' || v[1] != '?')
		return 0;
	for (c0 = i; i < n && v[i] != '?' && v[i] > ' '; i++)
		;
	if (i >= n || v[i] != '?' || i == c0 || i - c0 > CS_MAX)
		return 0;
	memcpy(cs, v + c0, i - c0);
	cs[i - c0] = '\0';
	if (strchr(cs, '*') != NULL)	/* RFC 2231 language: dropped */
		*strchr(cs, '*') = '\0';
	if (i + 2 >= n || v[i + 2] != '?')
		return 0;
	*enc = (char)(v[i + 1] | 0x20);
	if (*enc != 'b' && *enc != 'q')
		return 0;
	*t = i + 3;
	for (e = *t; e + 1 < n; e++) {
		if (v[e] <= ' ')
			return 0;
		if (v[e] == '?' && v[e + 1] == '=') {
			*tl = e - *t;
			return e + 2;
		}
	}
	return 0;
}

static void
decode_text(char enc, unsigned char const *p, size_t n, struct buf *raw)
{
	struct buf hdr = { 0 };
	struct mimepart m;
	size_t i;

	if (enc == 'q') {
		/* '_' is a space; the rest quoted-printable */
		buf_puts(&hdr, "Content-Transfer-Encoding: quoted-printable"
		    "\n\n");
		for (i = 0; i < n; i++)
			buf_put(&hdr, p[i] == '_' ? (unsigned char const *)" "
			    : p + i, 1);
	} else {
		buf_puts(&hdr, "Content-Transfer-Encoding: base64\n\n");
		buf_put(&hdr, p, n);
	}
	mimepart_split(&m, hdr.s, hdr.len);
	mimepart_decode(&m, raw);
	buf_free(&hdr);
}

void
encwords_decode(unsigned char const *v, size_t n, struct buf *out)
{
	char cs[CS_MAX + 1], enc;
	size_t i = 0, w, t, tl, j, pend = 0;
	int after = 0;	/* the last thing put was an encoded word */
	struct buf raw = { 0 };

	while (i < n) {
		w = word(v + i, n - i, cs, &enc, &t, &tl);
		if (w > 0) {
			if (after)	/* drop the blanks between two */
				out->len -= pend;
			raw.len = 0;
			decode_text(enc, v + i + t, tl, &raw);
			charset_utf8(cs, raw.s, raw.len, out);
			i += w;
			after = 1;
			pend = 0;
			continue;
		}
		if (after && (v[i] == ' ' || v[i] == '\t')) {
			for (j = i; j < n && (v[j] == ' ' || v[j] == '\t');
			    j++)
				;
			buf_put(out, v + i, j - i);
			pend = j - i;
			i = j;
			continue;
		}
		after = 0;
		buf_put(out, v + i, 1);
		i++;
	}
	buf_free(&raw);
	buf_room(out, 1);
	out->s[out->len] = '\0';
}
