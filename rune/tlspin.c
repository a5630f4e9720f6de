/* tlspin.c: the client's X.509 engine for BearSSL: no CA, only the
 * pin (spec 9, 13.4).  It decodes the leaf, takes its pin (lib/certfpr.c,
 * as rune-admin prints it) and compares it with the pinned one. */
#include <string.h>

#include <bearssl.h>
#include <sodium.h>

#include "certfpr.h"
#include "tlspin.h"

static void
px_start_chain(br_x509_class const **ctx, char const *server_name)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;

	(void)server_name;	/* a pinned key needs no name match */
	px->ncert = 0;
	px->have_seen = 0;
	px->mismatch = 0;
}

static void
px_start_cert(br_x509_class const **ctx, uint32_t length)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;

	(void)length;
	if (px->ncert == 0)
		br_x509_decoder_init(&px->dec, 0, 0);
}

static void
px_append(br_x509_class const **ctx, unsigned char const *buf, size_t len)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;

	if (px->ncert == 0)	/* the leaf; the rest of the chain is moot */
		br_x509_decoder_push(&px->dec, buf, len);
}

static void
px_end_cert(br_x509_class const **ctx)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;

	px->ncert++;
}

static unsigned
px_end_chain(br_x509_class const **ctx)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;
	br_x509_pkey const *k;

	if (px->ncert == 0)
		return BR_ERR_X509_EMPTY_CHAIN;
	k = br_x509_decoder_get_pkey(&px->dec);
	if (k == NULL) {
		int e = br_x509_decoder_last_error(&px->dec);

		return e != 0 ? (unsigned)e : BR_ERR_X509_INVALID_VALUE;
	}
	if (!certfpr_pkey(px->seen, k))
		return BR_ERR_X509_UNSUPPORTED;
	px->have_seen = 1;
	if (px->pin != NULL && sodium_memcmp(px->pin, px->seen,
	    RUNE_FPR_LEN) != 0) {
		px->mismatch = 1;
		return BR_ERR_X509_NOT_TRUSTED;
	}
	return 0;
}

static br_x509_pkey const *
px_get_pkey(br_x509_class const *const *ctx, unsigned *usages)
{
	struct tlspin *px = (struct tlspin *)(void *)ctx;

	if (usages != NULL)
		*usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	return br_x509_decoder_get_pkey(&px->dec);
}

static br_x509_class const px_vtable = {
	sizeof(struct tlspin), px_start_chain, px_start_cert, px_append,
	px_end_cert, px_end_chain, px_get_pkey
};

void
tlspin_init(struct tlspin *p, unsigned char const *pin)
{
	memset(p, 0, sizeof *p);
	p->vtable = &px_vtable;
	p->pin = pin;
}
