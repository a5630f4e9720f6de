/* fromname.c: the sender's display name, as fromname.h says. */
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "encwords.h"
#include "fromname.h"
#include "mimeenc.h"
#include "mimepart.h"
#include "tsafe.h"

#define WORD_RAW 39	/* octets per encoded word */

/* the phrase v[0..n) lexed (atoms, quoted-strings unquoted) into out,
 * its words one blank apart: 1 ok, 0 not a plain phrase */
static int
phrase(unsigned char const *v, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		if (v[i] == ' ' || v[i] == '\t') {
			i++;
			continue;
		}
		if (out->len > 0)
			buf_put(out, " ", 1);
		if (v[i] == '"') {
			for (i++; i < n && v[i] != '"'; i++) {
				if (v[i] == '\\' && ++i == n)
					return 0;
				buf_put(out, v + i, 1);
			}
			if (i == n)
				return 0;	/* unterminated */
			i++;
			continue;
		}
		for (; i < n && v[i] != ' ' && v[i] != '\t' && v[i] != '"'; i++) {
			if (strchr("()<>[]:;@\\,", v[i]) != NULL)
				return 0;	/* a comment, a special */
			buf_put(out, v + i, 1);
		}
	}
	return 1;
}

/* 1: the decoded name s[0..n) may be shown as a sender's name */
static int
safe(unsigned char const *s, size_t n)
{
	static char const *const bad[] = {
		"@", "<", ">", "=?", "\xef\xbc\xa0", "\xef\xb9\xab",
		"\xef\xbc\x9c", "\xef\xbc\x9e", "\xef\xbb\xbf",
	};
	size_t i, k;
	int ok;

	if (n == 0 || n > FROMNAME_MAX || !mimeenc_utf8_ok(s, n))
		return 0;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (memmem(s, n, bad[i], strlen(bad[i])) != NULL)
			return 0;
	for (i = 0; i < n; i += k) {
		k = tsafe_len(s + i, n - i, 0, &ok);
		if (!ok || s[i] == '\t')
			return 0;
		/* U+200B-U+200F, U+2060-U+2064: invisible */
		if (k == 3 && s[i] == 0xe2 && ((s[i + 1] == 0x80 &&
		    s[i + 2] >= 0x8b && s[i + 2] <= 0x8f) ||
		    (s[i + 1] == 0x81 && s[i + 2] >= 0xa0 && s[i + 2] <= 0xa4)))
			return 0;
	}
	return 1;
}

int
fromname_get(unsigned char const *p, size_t n, struct addr const *sender,
    char name[FROMNAME_MAX + 1])
{
	struct buf v = { 0 }, w = { 0 }, d = { 0 };
	struct mimepart m;
	unsigned char const *lt;
	size_t alen = strlen(sender->s), s, e;
	int r = 0;

	name[0] = '\0';
	mimepart_split(&m, p, n);
	if (!mimepart_field(&m, "From", &v) ||
	    mimepart_field_nth(&m, "From", 1, &w))
		goto out;	/* none, or several */
	buf_free(&w);
	if (v.len < alen + 3 || v.s[v.len - 1] != '>')
		goto out;
	lt = v.s + v.len - alen - 2;
	if (*lt != '<' || strncasecmp((char const *)lt + 1, sender->s,
	    alen) != 0 || !phrase(v.s, (size_t)(lt - v.s), &w))
		goto out;
	if (w.len == 0)
		goto out;	/* no name */
	encwords_decode(w.s, w.len, &d);
	for (s = 0; s < d.len && d.s[s] == ' '; s++)
		;
	for (e = d.len; e > s && d.s[e - 1] == ' '; e--)
		;
	if (!safe(d.s + s, e - s))
		goto out;
	memcpy(name, d.s + s, e - s);
	name[e - s] = '\0';
	r = 1;
out:
	buf_free(&v);
	buf_free(&w);
	buf_free(&d);
	return r;
}

/* the name as encoded words, folded (LF) between them */
static void
words(struct buf *out, char const *s, size_t n)
{
	char w[sodium_base64_ENCODED_LEN(WORD_RAW,
	    sodium_base64_VARIANT_ORIGINAL)];
	size_t k;

	while (n > 0) {
		k = n < WORD_RAW ? n : WORD_RAW;
		while (k < n && k > 1 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;	/* never inside a UTF-8 sequence */
		sodium_bin2base64(w, sizeof w, (unsigned char const *)s, k,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_fmt(out, "=?UTF-8?B?%s?=%s", w, k < n ? "\n " : "");
		s += k;
		n -= k;
	}
}

void
fromname_field(struct buf *out, unsigned char const *p, size_t n,
    struct addr const *sender, int header)
{
	char name[FROMNAME_MAX + 1];
	size_t i, len;

	if (!fromname_get(p, n, sender, name)) {
		buf_puts(out, sender->s);
		return;
	}
	len = strlen(name);
	if (!header) {
		buf_fmt(out, "%s <%s>", name, sender->s);
		return;
	}
	if (mimeenc_utf8_ok((unsigned char const *)name, len) &&
	    strspn(name, " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQ"
	    "RSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~") == len) {
		buf_puts(out, "\"");
		for (i = 0; i < len; i++)
			buf_fmt(out, "%s%c", name[i] == '"' ||
			    name[i] == '\\' ? "\\" : "", name[i]);
		buf_puts(out, "\"");
	} else {
		words(out, name, len);
	}
	buf_fmt(out, " <%s>", sender->s);
}
