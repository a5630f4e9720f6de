/* tlspem.c: PEM files of a TLS certificate chain and its private key,
 * decoded with BearSSL; bounded, and the key's octets wiped. */
#include <string.h>

#include <bearssl.h>
#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "tlspem.h"

/* where the decoded DER of the objects we want goes */
struct sink {
	unsigned char *buf;
	size_t max, len;
	int overflow;
};

static void
sink_append(void *ctx, void const *buf, size_t len)
{
	struct sink *s = ctx;

	if (len > s->max - s->len) {
		s->overflow = 1;
		return;
	}
	memcpy(s->buf + s->len, buf, len);
	s->len += len;
}

/* decodes the PEM objects of path, the certificates (c) or the first
 * private key (c 0) into s; 1 done, 0 failed (said) */
static int
pem_each(char const *path, struct sink *s, struct tlspem_chain *c)
{
	static unsigned char pem[TLSPEM_FILE_MAX];
	br_pem_decoder_context pc;
	size_t len, off = 0, start = 0;
	int r, inobj = 0, want = 0, found = 0;

	r = afile_read(path, pem, sizeof pem, &len);
	if (r <= 0) {
		warn_sys("unable to read %s", path);
		return 0;
	}
	br_pem_decoder_init(&pc);
	while (off < len || inobj) {
		off += br_pem_decoder_push(&pc, pem + off, len - off);
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ: {
			char const *name = br_pem_decoder_name(&pc);

			inobj = 1;
			start = s->len;
			want = c ? strcmp(name, "CERTIFICATE") == 0 :
			    strstr(name, "PRIVATE KEY") != NULL;
			br_pem_decoder_setdest(&pc, want ? sink_append : NULL,
			    want ? s : NULL);
			break;
		}
		case BR_PEM_END_OBJ:
			inobj = 0;
			if (s->overflow)
				goto bad;
			if (want && c && s->len > start) {
				if (c->n == TLSPEM_CHAIN_MAX)
					goto bad;
				c->cert[c->n].data = s->buf + start;
				c->cert[c->n].data_len = s->len - start;
				c->n++;
				found = 1;
			}
			if (want && !c && s->len > 0)
				found = 1;
			want = 0;
			break;
		case BR_PEM_ERROR:
			goto bad;
		default:
			if (off >= len && inobj)
				goto bad;	/* truncated object */
		}
		if (found && !c)
			break;
	}
	sodium_memzero(pem, sizeof pem);
	if (!found)
		warn("%s: no %s found", path, c ? "certificate" :
		    "private key");
	return found;
bad:
	sodium_memzero(pem, sizeof pem);
	warn("%s: malformed PEM", path);
	return 0;
}

int
tlspem_chain(struct tlspem_chain *c, char const *path)
{
	struct sink s = { c->der, sizeof c->der, 0, 0 };
	int ok;

	c->n = 0;
	ok = pem_each(path, &s, c);
	c->derlen = s.len;
	return ok;
}

int
tlspem_key(br_skey_decoder_context *k, char const *path)
{
	static unsigned char der[TLSPEM_KEYDER_MAX];
	struct sink s = { der, sizeof der, 0, 0 };
	int ok = pem_each(path, &s, NULL);

	if (ok) {
		br_skey_decoder_init(k);
		br_skey_decoder_push(k, der, s.len);
		if (br_skey_decoder_last_error(k) != 0 ||
		    br_skey_decoder_key_type(k) == 0) {
			warn("%s: not a private key BearSSL can read", path);
			ok = 0;
		}
	}
	sodium_memzero(der, sizeof der);
	return ok;
}

int
tlspem_cert_pkey(br_x509_decoder_context *d, br_x509_pkey const **pk,
    unsigned char const *der, size_t len)
{
	br_x509_decoder_init(d, 0, 0);
	br_x509_decoder_push(d, der, len);
	*pk = br_x509_decoder_get_pkey(d);
	return *pk != NULL;
}
