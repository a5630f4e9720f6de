/* vec.h: the protocol's test vectors (t/data/vectors.json, doc/protocol.md)
 * for the C tests, through jansson.
 * Path: $RUNE_VECTORS, else t/data/vectors.json (from the
 * checkout root, prove's cwd).  Every accessor that meets a file not as
 * the spec's format describes prints "Bail out!" and exits 255, so a
 * test never passes on a vector it could not read. */
#ifndef VEC_H
#define VEC_H

#include <stddef.h>
#include <jansson.h>

/* loads the file once and returns its root object (owned by vec.c) */
json_t *vec_load(void);

/* the array name of the root; bails when absent or empty */
json_t *vec_array(char const *name);

/* element i of the array a (an object); bails when not an object */
json_t *vec_at(json_t *a, size_t i);

/* the vector's "name", or "?" */
char const *vec_name(json_t const *o);

/* 1: o has field and it is not null */
int vec_has(json_t const *o, char const *field);

/* the string field (NUL-terminated; a string with NULs bails), NULL when
 * null or absent; bails when another type */
char const *vec_str(json_t const *o, char const *field);

/* the exact octets of a text field into buf[max] with a NUL after them:
 * from field_hex when present (13: "text_hex"), else the string itself;
 * returns the octet count; bails when absent, null or too long */
size_t vec_text(json_t const *o, char const *field, char *buf, size_t max);

/* decodes the lowercase hex field into buf[max]; 1 done (*len set), 0 null
 * or absent; bails on bad hex or more than max octets */
int vec_hex(json_t const *o, char const *field, unsigned char *buf,
    size_t max, size_t *len);

/* as vec_hex, and bails unless the field holds exactly want octets */
void vec_hex_n(json_t const *o, char const *field, unsigned char *buf,
    size_t max, size_t want);

/* splits the string field into exactly n tokens (lib/tok.h) into t;
 * bails otherwise */
struct tok;
void vec_split(json_t const *o, char const *field, struct tok *t, int n);

/* the integer field; bails when not an integer */
long long vec_int(json_t const *o, char const *field);

/* the boolean field; bails when not a boolean */
int vec_bool(json_t const *o, char const *field);

/* frees what vec_load read */
void vec_free(void);

#endif
