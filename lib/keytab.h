/* keytab.h: read-only lookups in the key table (doc/keys.md): the
 * journal keys/pending/ first, then keys/keys.cdb, opened per lookup so
 * that a merged table is seen at once.  Only rune-keys writes. */
#ifndef KEYTAB_H
#define KEYTAB_H

#include <stddef.h>
#include "addr.h"
#include "keyrec.h"

#define KEYTAB_ACTIVE	KEYREC_ACTIVE
#define KEYTAB_DISABLED	KEYREC_DISABLED
#define KEYTAB_RESERVED	KEYREC_RESERVED
#define KEYTAB_VALID	KEYREC_VALID
#define KEYTAB_USED	KEYREC_USED
#define KEYTAB_REVOKED	KEYREC_REVOKED
#define KEYTAB_EXPIRED	KEYREC_EXPIRED

/* the raw value of CDB key k in root's table into v (*vlen set);
 * 1 found, 0 absent, -1 error (errno; EPROTO for a bad record) */
int keytab_get(char const *root, unsigned char const *k, size_t klen,
    unsigned char v[KEYREC_VAL_MAX], size_t *vlen);

/* the record of address a: 1 found (r->state active, disabled or
 * reserved; r->pk), 0 absent, -1 error (errno) */
int keytab_lookup(char const *root, struct addr const *a,
    struct keyrec *r);

/* the record of the token text token[0..len): 1 found (t->addr,
 * t->expires, t->state), 0 unknown or not a token text, -1 error */
int keytab_token(char const *root, char const *token, size_t len,
    struct tokrec *t);

/* calls fn for every address record, in no fixed order, until fn
 * returns 0; 1 done, 0 fn stopped, -1 error (errno) */
int keytab_each_addr(char const *root,
    int (*fn)(void *ctx, struct addr const *a, struct keyrec const *r),
    void *ctx);

/* calls fn for every token record, as keytab_each_addr */
int keytab_each_token(char const *root,
    int (*fn)(void *ctx, struct tokrec const *t), void *ctx);

#endif
