/* keyset.h: a set of key-table records in memory, sorted by CDB key:
 * the journal read whole (keys/pending/), or records to load. */
#ifndef KEYSET_H
#define KEYSET_H

#include <stddef.h>

struct keyset_rec {
	unsigned char *k;	/* the CDB key; v follows it in one block */
	unsigned char *v;
	size_t klen, vlen;
};

struct keyset {
	struct keyset_rec *r;
	size_t n, cap;
};

/* an empty set */
void keyset_init(struct keyset *s);

/* frees every record */
void keyset_free(struct keyset *s);

/* adds a copy of the record; 1 done, 0 out of memory */
int keyset_add(struct keyset *s, unsigned char const *k, size_t klen,
    unsigned char const *v, size_t vlen);

/* sorts by key; 1 every key once, 0 some key twice */
int keyset_sort(struct keyset *s);

/* the record with key k in a sorted set, or 0 */
struct keyset_rec const *keyset_find(struct keyset const *s,
    unsigned char const *k, size_t klen);

/* adds every journal record of root (keys/pending/), validated, and
 * sorts; 1 done, 0 error (errno; EPROTO for a bad record) */
int keyset_pending(struct keyset *s, char const *root);

#endif
