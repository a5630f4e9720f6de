/* invite.c: invitation tokens and URIs.  A token is 1 to 200 of the
 * URI's unreserved characters; a URI must carry both fingerprints, so a
 * first contact made through it is verified from its first octet. */
#include <string.h>

#include "fpr.h"
#include "invite.h"

#define SCHEME "rune://"
#define SCHEME_LEN 7

static int
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* copies the token s[0..len) into iv; 1 ok */
static int
token(struct invite *iv, char const *s, size_t len)
{
	size_t i;

	if (len == 0 || len > INVITE_TOKEN_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!token_char(s[i]))
			return 0;
	memcpy(iv->token, s, len);
	iv->token[len] = '\0';
	return 1;
}

/* the query "tls=FPR&key=FPR", either order, each exactly once */
static int
query(struct invite *iv, char const *s, size_t len)
{
	int have_tls = 0, have_key = 0;

	while (len > 0) {
		char const *amp = memchr(s, '&', len);
		size_t n = amp ? (size_t)(amp - s) : len;

		if (n > 4 && memcmp(s, "tls=", 4) == 0 && !have_tls &&
		    fpr_parse(iv->tls, s + 4, n - 4))
			have_tls = 1;
		else if (n > 4 && memcmp(s, "key=", 4) == 0 && !have_key &&
		    fpr_parse(iv->key, s + 4, n - 4))
			have_key = 1;
		else
			return 0;
		s += n;
		len -= n;
		if (amp != NULL) {
			s++;
			len--;
			if (len == 0)
				return 0;
		}
	}
	return have_tls && have_key;
}

int
invite_parse(struct invite *iv, char const *s)
{
	size_t len = strlen(s), hlen;
	char const *at, *end, *q;

	memset(iv, 0, sizeof *iv);
	if (len < SCHEME_LEN || memcmp(s, SCHEME, SCHEME_LEN) != 0)
		return token(iv, s, len);
	s += SCHEME_LEN;
	len -= SCHEME_LEN;
	at = memchr(s, '@', len);
	if (at == NULL || !token(iv, s, (size_t)(at - s)))
		return 0;
	len -= (size_t)(at + 1 - s);
	s = at + 1;
	q = memchr(s, '?', len);
	if (q == NULL)
		return 0;
	end = q;
	if (end > s && end[-1] == '/')
		end--;
	hlen = (size_t)(end - s);
	if (memchr(s, '/', hlen) != NULL || !hostport_parse(&iv->hp, s, hlen))
		return 0;
	if (!query(iv, q + 1, len - (size_t)(q + 1 - s)))
		return 0;
	iv->uri = 1;
	return 1;
}
