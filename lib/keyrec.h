/* keyrec.h: the records of the key table (doc/keys.md): their CDB keys,
 * their values and the names of their journal files in keys/pending/. */
#ifndef KEYREC_H
#define KEYREC_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"
#include "rune.h"

#define KEYREC_HASH_LEN		32	/* crypto_generichash of a token */
#define KEYREC_TOKEN_LEN	32	/* random octets of a token */
#define KEYREC_TOKEN_HEX	64	/* its text: lowercase hex */
#define KEYREC_KEY_MAX		(1 + RUNE_ADDR_MAX)
#define KEYREC_VAL_MAX		(11 + RUNE_ADDR_MAX)
/* a journal file name: the kind, '-', then the address (up to
 * RUNE_ADDR_MAX octets) or the token hash in hex, whichever is longer */
#define KEYREC_NAME_MAX		(2 + (RUNE_ADDR_MAX > KEYREC_TOKEN_HEX ? \
				RUNE_ADDR_MAX : KEYREC_TOKEN_HEX))
#define KEYREC_VERSION		0x01
/* an address value with its registration's time and kind (doc/keys.md) */
#define KEYREC_VERSION_REG	0x02

/* the files of the table, relative to the domain directory */
#define KEYREC_DIR	"keys"
#define KEYREC_CDB	"keys/keys.cdb"
#define KEYREC_CDB_NAME	"keys.cdb"
#define KEYREC_PENDING	"keys/pending"
#define KEYREC_LOCK	"keys/lock"
#define KEYREC_MLOCK	"keys/merge.lock"
#define KEYREC_TXN	"keys/txn"
#define KEYREC_TXN_NAME	"txn"

/* the kinds of record, by the first octet of their CDB key */
#define KEYREC_ADDR	'a'	/* address -> state, public key */
#define KEYREC_TOKEN	't'	/* token hash -> address, expiry, state */
#define KEYREC_INDEX	'i'	/* address -> hash of its newest token */

/* address states; KEYREC_GONE is a journal tombstone only */
enum keystate {
	KEYREC_GONE = 'X',
	KEYREC_ACTIVE = 'A',
	KEYREC_DISABLED = 'D',
	KEYREC_RESERVED = 'R'
};

/* token states; KEYREC_EXPIRED is written once rune-keys has seen the
 * expiry pass, so that a clock set back later does not revive the token
 * (doc/decisions.md) */
enum tokstate {
	KEYREC_VALID = 'V',
	KEYREC_USED = 'U',
	KEYREC_REVOKED = 'R',
	KEYREC_EXPIRED = 'E'
};

/* how an address was registered (the value's version 02; 0 unknown:
 * a version 01 value, written before registrations were recorded, or by
 * rune-keys load) */
enum keyreg {
	KEYREC_REG_UNKNOWN = 0,
	KEYREC_REG_OPEN = 'O',		/* REGISTER (free registration) */
	KEYREC_REG_INVITE = 'I'		/* REGISTER_INVITATION */
};

struct keyrec {
	int state;			/* enum keystate */
	unsigned char pk[RUNE_PK_LEN];	/* zero unless active or disabled */
	uint64_t since;			/* Unix seconds of the registration,
					 * 0 unknown */
	int how;			/* enum keyreg */
};

struct tokrec {
	struct addr addr;		/* the address it is bound to */
	uint64_t expires;		/* Unix seconds */
	int state;			/* enum tokstate */
};

/* the CDB key of an address record into k; returns its length */
size_t keyrec_addr_key(unsigned char k[KEYREC_KEY_MAX], int kind,
    struct addr const *a);

/* the CDB key of a token record into k; returns its length */
size_t keyrec_tok_key(unsigned char k[KEYREC_KEY_MAX],
    unsigned char const h[KEYREC_HASH_LEN]);

/* h = the hash stored for the token text s[0..len) */
void keyrec_tok_hash(unsigned char h[KEYREC_HASH_LEN], char const *s,
    size_t len);

/* 1: s[0..len) is a token text (64 lowercase hex digits); 0 otherwise */
int keyrec_tok_syntax(char const *s, size_t len);

/* encodes r into v (version 02 when r->how is known, else 01); returns
 * the value's length */
size_t keyrec_addr_put(unsigned char v[KEYREC_VAL_MAX],
    struct keyrec const *r);

/* 1: v[0..len) is a valid address value, decoded into r; 0 otherwise */
int keyrec_addr_get(struct keyrec *r, unsigned char const *v, size_t len);

/* encodes t into v; returns the value's length */
size_t keyrec_tok_put(unsigned char v[KEYREC_VAL_MAX],
    struct tokrec const *t);

/* 1: v[0..len) is a valid token value, decoded into t; 0 otherwise */
int keyrec_tok_get(struct tokrec *t, unsigned char const *v, size_t len);

/* encodes the index value (a token hash) into v; returns its length */
size_t keyrec_index_put(unsigned char v[KEYREC_VAL_MAX],
    unsigned char const h[KEYREC_HASH_LEN]);

/* 1: v[0..len) is a valid index value, its hash into h; 0 otherwise */
int keyrec_index_get(unsigned char h[KEYREC_HASH_LEN],
    unsigned char const *v, size_t len);

/* 1: v[0..len) is a valid value for the CDB key k[0..klen); 0 otherwise */
int keyrec_valid(unsigned char const *k, size_t klen,
    unsigned char const *v, size_t len);

/* the journal file name of the CDB key k[0..klen) into name (NUL-ended);
 * 1 done, 0 not a key of the table */
int keyrec_name(char name[KEYREC_NAME_MAX + 1], unsigned char const *k,
    size_t klen);

/* the CDB key named by the journal file name; returns its length, 0 when
 * name is not a journal name */
size_t keyrec_unname(unsigned char k[KEYREC_KEY_MAX], char const *name);

/* keyrec_state.c: the name of an address state in listings: "active",
 * "disabled" or "reserved" */
char const *keyrec_state_name(int state);

/* counts of the address states */
struct keyrec_addrs {
	unsigned long long active, disabled, reserved;
};

/* counts one address in the state state */
void keyrec_addrs_add(struct keyrec_addrs *n, int state);

/* a token's state at the time now: KEYREC_EXPIRED for a valid one whose
 * time has come, else its recorded state (unknown ones as revoked) */
int keyrec_tok_now(struct tokrec const *t, uint64_t now);

/* the name of a token's state at the time now: "valid", "expired" (marked
 * so, or its time has come), "used" or "revoked" */
char const *keyrec_tok_state_name(struct tokrec const *t, uint64_t now);

/* the check of an invitation token for the address a at the time now,
 * with t the token's record when found is 1 (found 0: no such token):
 * 0 usable; KEYEXIT_TOKEN when absent, used, revoked or bound to another
 * address; KEYEXIT_EXPIRED when marked expired or now >= its expiry */
int keyrec_token_check(struct tokrec const *t, int found,
    struct addr const *a, uint64_t now);

/* "root/rel" or, when name is not 0, "root/rel/name" into out[max];
 * 1 done, 0 too long (errno ENAMETOOLONG) */
int keyrec_path(char *out, size_t max, char const *root, char const *rel,
    char const *name);

#endif
