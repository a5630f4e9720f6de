/* keyrec.c: the record formats of the key table (doc/keys.md).
 *
 *   key 'a' address  value 01 state pk[32]            34 octets
 *                    or    02 state pk[32] since[8] how  43 octets
 *   key 't' hash[32] value 01 state expires[8] n addr  11 + n octets
 *   key 'i' address  value 01 hash[32]                 33 octets
 *
 * Numbers are big-endian; states are one ASCII letter (keyrec.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "keyrec.h"
#include "num.h"

#define ADDR_VAL_LEN	(2 + RUNE_PK_LEN)
#define ADDR_VAL2_LEN	(ADDR_VAL_LEN + 8 + 1)
#define INDEX_VAL_LEN	(1 + KEYREC_HASH_LEN)
#define TOK_VAL_HDR	11

size_t
keyrec_addr_key(unsigned char k[KEYREC_KEY_MAX], int kind,
    struct addr const *a)
{
	k[0] = (unsigned char)kind;
	memcpy(k + 1, a->s, a->len);
	return 1 + a->len;
}

size_t
keyrec_tok_key(unsigned char k[KEYREC_KEY_MAX],
    unsigned char const h[KEYREC_HASH_LEN])
{
	k[0] = KEYREC_TOKEN;
	memcpy(k + 1, h, KEYREC_HASH_LEN);
	return 1 + KEYREC_HASH_LEN;
}

void
keyrec_tok_hash(unsigned char h[KEYREC_HASH_LEN], char const *s, size_t len)
{
	/* cannot fail: a 32-octet output and no key */
	(void)crypto_generichash(h, KEYREC_HASH_LEN, (unsigned char const *)s,
	    len, NULL, 0);
}

static int
lowhex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

int
keyrec_tok_syntax(char const *s, size_t len)
{
	size_t i;

	if (len != KEYREC_TOKEN_HEX)
		return 0;
	for (i = 0; i < len; i++)
		if (!lowhex(s[i]))
			return 0;
	return 1;
}

size_t
keyrec_addr_put(unsigned char v[KEYREC_VAL_MAX], struct keyrec const *r)
{
	v[0] = KEYREC_VERSION;
	v[1] = (unsigned char)r->state;
	if (r->state == KEYREC_ACTIVE || r->state == KEYREC_DISABLED)
		memcpy(v + 2, r->pk, RUNE_PK_LEN);
	else
		memset(v + 2, 0, RUNE_PK_LEN);
	if (r->how != KEYREC_REG_OPEN && r->how != KEYREC_REG_INVITE)
		return ADDR_VAL_LEN;
	v[0] = KEYREC_VERSION_REG;
	num_pack_be8(v + ADDR_VAL_LEN, r->since);
	v[ADDR_VAL_LEN + 8] = (unsigned char)r->how;
	return ADDR_VAL2_LEN;
}

int
keyrec_addr_get(struct keyrec *r, unsigned char const *v, size_t len)
{
	if (!(len == ADDR_VAL_LEN && v[0] == KEYREC_VERSION) &&
	    !(len == ADDR_VAL2_LEN && v[0] == KEYREC_VERSION_REG &&
	    (v[ADDR_VAL_LEN + 8] == KEYREC_REG_OPEN ||
	    v[ADDR_VAL_LEN + 8] == KEYREC_REG_INVITE)))
		return 0;
	switch (v[1]) {
	case KEYREC_ACTIVE:
	case KEYREC_DISABLED:
	case KEYREC_RESERVED:
	case KEYREC_GONE:
		break;
	default:
		return 0;
	}
	r->state = v[1];
	memcpy(r->pk, v + 2, RUNE_PK_LEN);
	r->since = 0;
	r->how = KEYREC_REG_UNKNOWN;
	if (len == ADDR_VAL2_LEN) {
		r->since = num_unpack_be8(v + ADDR_VAL_LEN);
		r->how = v[ADDR_VAL_LEN + 8];
	}
	return 1;
}

size_t
keyrec_tok_put(unsigned char v[KEYREC_VAL_MAX], struct tokrec const *t)
{
	v[0] = KEYREC_VERSION;
	v[1] = (unsigned char)t->state;
	num_pack_be8(v + 2, t->expires);
	v[10] = (unsigned char)t->addr.len;
	memcpy(v + TOK_VAL_HDR, t->addr.s, t->addr.len);
	return TOK_VAL_HDR + t->addr.len;
}

int
keyrec_tok_get(struct tokrec *t, unsigned char const *v, size_t len)
{
	size_t n;

	if (len < TOK_VAL_HDR || v[0] != KEYREC_VERSION)
		return 0;
	if (v[1] != KEYREC_VALID && v[1] != KEYREC_USED &&
	    v[1] != KEYREC_REVOKED && v[1] != KEYREC_EXPIRED)
		return 0;
	n = v[10];
	if (n != len - TOK_VAL_HDR)
		return 0;
	if (!addr_parse(&t->addr, (char const *)v + TOK_VAL_HDR, n) ||
	    memcmp(t->addr.s, v + TOK_VAL_HDR, n) != 0)
		return 0;
	t->state = v[1];
	t->expires = num_unpack_be8(v + 2);
	return 1;
}

size_t
keyrec_index_put(unsigned char v[KEYREC_VAL_MAX],
    unsigned char const h[KEYREC_HASH_LEN])
{
	v[0] = KEYREC_VERSION;
	memcpy(v + 1, h, KEYREC_HASH_LEN);
	return INDEX_VAL_LEN;
}

int
keyrec_index_get(unsigned char h[KEYREC_HASH_LEN], unsigned char const *v,
    size_t len)
{
	if (len != INDEX_VAL_LEN || v[0] != KEYREC_VERSION)
		return 0;
	memcpy(h, v + 1, KEYREC_HASH_LEN);
	return 1;
}

/* 1: k[1..klen) is a canonical address */
static int
key_addr_ok(unsigned char const *k, size_t klen)
{
	struct addr a;

	return klen >= 1 && addr_parse(&a, (char const *)k + 1, klen - 1) &&
	    memcmp(a.s, k + 1, klen - 1) == 0;
}

int
keyrec_valid(unsigned char const *k, size_t klen, unsigned char const *v,
    size_t len)
{
	unsigned char h[KEYREC_HASH_LEN];
	struct keyrec r;
	struct tokrec t;

	if (klen < 1)
		return 0;
	switch (k[0]) {
	case KEYREC_ADDR:
		return key_addr_ok(k, klen) && keyrec_addr_get(&r, v, len);
	case KEYREC_INDEX:
		return key_addr_ok(k, klen) && keyrec_index_get(h, v, len);
	case KEYREC_TOKEN:
		return klen == 1 + KEYREC_HASH_LEN &&
		    keyrec_tok_get(&t, v, len);
	}
	return 0;
}

int
keyrec_name(char name[KEYREC_NAME_MAX + 1], unsigned char const *k,
    size_t klen)
{
	if (klen < 1)
		return 0;
	name[0] = (char)k[0];
	name[1] = '-';
	switch (k[0]) {
	case KEYREC_ADDR:
	case KEYREC_INDEX:
		if (!key_addr_ok(k, klen))
			return 0;
		memcpy(name + 2, k + 1, klen - 1);
		name[klen + 1] = '\0';
		return 1;
	case KEYREC_TOKEN:
		if (klen != 1 + KEYREC_HASH_LEN)
			return 0;
		sodium_bin2hex(name + 2, KEYREC_TOKEN_HEX + 1, k + 1,
		    KEYREC_HASH_LEN);
		return 1;
	}
	return 0;
}

size_t
keyrec_unname(unsigned char k[KEYREC_KEY_MAX], char const *name)
{
	size_t len = strnlen(name, KEYREC_NAME_MAX + 1), n = 0;

	if (len < 3 || len > KEYREC_NAME_MAX || name[1] != '-')
		return 0;
	k[0] = (unsigned char)name[0];
	switch (name[0]) {
	case KEYREC_ADDR:
	case KEYREC_INDEX:
		if (len - 2 > RUNE_ADDR_MAX)
			return 0;
		memcpy(k + 1, name + 2, len - 2);
		return key_addr_ok(k, len - 1) ? len - 1 : 0;
	case KEYREC_TOKEN:
		if (!keyrec_tok_syntax(name + 2, len - 2) ||
		    sodium_hex2bin(k + 1, KEYREC_HASH_LEN, name + 2, len - 2,
		    NULL, &n, NULL) != 0 || n != KEYREC_HASH_LEN)
			return 0;
		return 1 + KEYREC_HASH_LEN;
	}
	return 0;
}

int
keyrec_path(char *out, size_t max, char const *root, char const *rel,
    char const *name)
{
	int n;

	if (name)
		n = snprintf(out, max, "%s/%s/%s", root, rel, name);
	else
		n = snprintf(out, max, "%s/%s", root, rel);
	if (n < 0 || (size_t)n >= max)
		return errno = ENAMETOOLONG, 0;
	return 1;
}
