/* localrec.c: the local record (localrec.h).  secretbox(plain) is
 * Poly1305 tag || plain XOR XSalsa20 from octet 32 on, the tag's key
 * the keystream's first 32 octets: so in pieces, the tag written last. */
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "die.h"
#include "localrec.h"
#include "num.h"
#include "xsxor.h"

#define PIECE 32768

#define KEY_LABEL	"RUNE-2 local cache"

void
localrec_key(unsigned char key[crypto_secretbox_KEYBYTES],
    unsigned char const sk[RUNE_SK_LEN])
{
	crypto_generichash(key, crypto_secretbox_KEYBYTES,
	    (unsigned char const *)KEY_LABEL, sizeof KEY_LABEL - 1, sk, 32);
}

void
localrec_hdr(unsigned char out[LOCALREC_PLAIN_HDR], struct received const *r)
{
	unsigned char *p = out;

	*p++ = (unsigned char)r->fs;
	*p++ = (unsigned char)r->withheld;
	*p++ = !r->m.anonymous ? LOCALREC_ANON_NO : r->tkh_unchecked ?
	    LOCALREC_ANON_UNCHECKED : LOCALREC_ANON_CHECKED;
	num_pack_be8(p, r->m.time);
	p += 8;
	memset(p, 0, RUNE_SENDER101);
	memcpy(p, r->m.sender.s, r->m.sender.len);
	p += RUNE_SENDER101;
	memcpy(p, r->m.cert.spk, RUNE_PK_LEN);
	p += RUNE_PK_LEN;
	memcpy(p, r->m.spk, RUNE2_X_LEN);
	p += RUNE2_X_LEN;
	memcpy(p, r->m.opk, RUNE2_X_LEN);
	p += RUNE2_X_LEN;
	memcpy(p, r->m.blobhash, RUNE_ID_LEN);
}

void
localrec_make(struct received const *r, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const nonce[LOCALREC_NONCE], struct buf *out)
{
	unsigned char key[crypto_secretbox_KEYBYTES], *plain;
	size_t n = LOCALREC_PLAIN_HDR + r->m.paylen;

	if (n < r->m.paylen || (plain = malloc(n)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	localrec_hdr(plain, r);
	if (r->m.paylen > 0)
		memcpy(plain + LOCALREC_PLAIN_HDR, r->m.payload, r->m.paylen);
	out->len = 0;
	buf_room(out, LOCALREC_MAGIC_LEN + LOCALREC_NONCE + LOCALREC_MAC + n);
	memcpy(out->s, LOCALREC_MAGIC, LOCALREC_MAGIC_LEN);
	memcpy(out->s + LOCALREC_MAGIC_LEN, nonce, LOCALREC_NONCE);
	localrec_key(key, sk);
	crypto_secretbox_easy(out->s + LOCALREC_MAGIC_LEN + LOCALREC_NONCE,
	    plain, n, out->s + LOCALREC_MAGIC_LEN, key);
	out->len = LOCALREC_MAGIC_LEN + LOCALREC_NONCE + LOCALREC_MAC + n;
	sodium_memzero(key, sizeof key);
	sodium_memzero(plain, n);
	free(plain);
}

/* p[0..k) at plain's octet *pos sealed onto ct, into the tag's state */
static void
seal_piece(struct paytmp *ct, crypto_onetimeauth_poly1305_state *st,
    unsigned char *p, size_t k, uint64_t *pos,
    unsigned char const nonce[LOCALREC_NONCE], unsigned char const key[32])
{
	xsxor(p, p, k, 32 + *pos, nonce, key);
	(void)crypto_onetimeauth_poly1305_update(st, p, k);
	paytmp_put(ct, p, k);
	*pos += k;
}

void
localrec_put_fd(struct home const *h, char const *id,
    struct received const *r, unsigned char const sk[RUNE_SK_LEN],
    unsigned char const nonce[LOCALREC_NONCE], struct paytmp *src,
    uint64_t off, uint64_t n)
{
	unsigned char key[crypto_secretbox_KEYBYTES], pk[32] = { 0 };
	unsigned char head[LOCALREC_MAGIC_LEN + LOCALREC_NONCE + LOCALREC_MAC];
	unsigned char p[PIECE];
	crypto_onetimeauth_poly1305_state st;
	char dir[HOME_PATH_MAX];
	struct paytmp ct;
	uint64_t pos = 0, done;
	size_t k;

	localrec_key(key, sk);
	xsxor(pk, pk, sizeof pk, 0, nonce, key);	/* the tag's key */
	(void)crypto_onetimeauth_poly1305_init(&st, pk);
	sodium_memzero(pk, sizeof pk);
	paytmp_open(&ct, h);
	localrec_hdr(p, r);
	seal_piece(&ct, &st, p, LOCALREC_PLAIN_HDR, &pos, nonce, key);
	for (done = 0; done < n; done += k) {
		k = n - done < PIECE ? (size_t)(n - done) : PIECE;
		if (!paytmp_read(src, off + done, p, k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a temporary "
			    "file");
		seal_piece(&ct, &st, p, k, &pos, nonce, key);
	}
	sodium_memzero(p, sizeof p);
	sodium_memzero(key, sizeof key);
	memcpy(head, LOCALREC_MAGIC, LOCALREC_MAGIC_LEN);
	memcpy(head + LOCALREC_MAGIC_LEN, nonce, LOCALREC_NONCE);
	(void)crypto_onetimeauth_poly1305_final(&st,
	    head + LOCALREC_MAGIC_LEN + LOCALREC_NONCE);
	home_mkdirs(h, "cache");
	home_path(dir, h, "cache");
	if (!afile_write_fd(dir, id, head, sizeof head, ct.fd, 0, ct.n, 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, id);
	paytmp_close(&ct);
}

int
localrec_open_fd(struct home const *h, struct paytmp *rec,
    unsigned char const sk[RUNE_SK_LEN], struct paytmp *plain,
    unsigned char hdr[LOCALREC_PLAIN_HDR])
{
	unsigned char key[crypto_secretbox_KEYBYTES], pk[32] = { 0 };
	unsigned char head[LOCALREC_MAGIC_LEN + LOCALREC_NONCE + LOCALREC_MAC];
	unsigned char const *nonce = head + LOCALREC_MAGIC_LEN;
	unsigned char p[PIECE], mine[16];
	crypto_onetimeauth_poly1305_state st;
	uint64_t done, n;
	size_t k;
	int ok;

	plain->fd = -1;
	if (rec->n < sizeof head + LOCALREC_PLAIN_HDR ||
	    !paytmp_read(rec, 0, head, sizeof head) ||
	    memcmp(head, LOCALREC_MAGIC, LOCALREC_MAGIC_LEN) != 0)
		return 0;
	n = rec->n - sizeof head;
	localrec_key(key, sk);
	xsxor(pk, pk, sizeof pk, 0, nonce, key);
	(void)crypto_onetimeauth_poly1305_init(&st, pk);
	sodium_memzero(pk, sizeof pk);
	for (done = 0; done < n; done += k) {
		k = n - done < PIECE ? (size_t)(n - done) : PIECE;
		if (!paytmp_read(rec, sizeof head + done, p, k))
			die_sys(RUNE_EXIT_TEMP, "unable to read a cached message");
		(void)crypto_onetimeauth_poly1305_update(&st, p, k);
	}
	(void)crypto_onetimeauth_poly1305_final(&st, mine);
	ok = crypto_verify_16(mine, head + LOCALREC_MAGIC_LEN +
	    LOCALREC_NONCE) == 0;
	if (ok) {
		/* nothing decrypted before the whole tag verified */
		paytmp_open(plain, h);
		for (done = 0; done < n; done += k) {
			k = n - done < PIECE ? (size_t)(n - done) : PIECE;
			if (!paytmp_read(rec, sizeof head + done, p, k))
				die_sys(RUNE_EXIT_TEMP, "unable to read a "
				    "cached message");
			xsxor(p, p, k, 32 + done, nonce, key);
			if (done == 0)	/* k >= LOCALREC_PLAIN_HDR */
				memcpy(hdr, p, LOCALREC_PLAIN_HDR);
			paytmp_put(plain, p, k);
		}
		sodium_memzero(p, sizeof p);
	}
	sodium_memzero(key, sizeof key);
	return ok;
}
