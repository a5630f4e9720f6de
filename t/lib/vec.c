/* vec.c: reading t/data/vectors.json, the protocol's test vectors, for the C tests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "tok.h"
#include "vec.h"

#define VEC_DEFAULT "t/data/vectors.json"

static json_t *root;

static _Noreturn void __attribute__((format(printf, 1, 2)))
vec_bail(char const *fmt, ...)
{
	va_list ap;

	fputs("Bail out! vectors: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs("\n", stdout);
	fflush(stdout);
	exit(255);
}

json_t *
vec_load(void)
{
	char const *path = getenv("RUNE_VECTORS");
	json_error_t err;

	if (root != NULL)
		return root;
	if (path == NULL || *path == '\0')
		path = VEC_DEFAULT;
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL)
		vec_bail("%s:%d: %s", path, err.line, err.text);
	if (!json_is_object(root))
		vec_bail("%s: not an object", path);
	return root;
}

json_t *
vec_array(char const *name)
{
	json_t *a = json_object_get(vec_load(), name);

	if (!json_is_array(a) || json_array_size(a) == 0)
		vec_bail("no array %s", name);
	return a;
}

json_t *
vec_at(json_t *a, size_t i)
{
	json_t *o = json_array_get(a, i);

	if (!json_is_object(o))
		vec_bail("element %zu is not an object", i);
	return o;
}

char const *
vec_name(json_t const *o)
{
	json_t const *v = json_object_get(o, "name");

	return json_is_string(v) ? json_string_value(v) : "?";
}

int
vec_has(json_t const *o, char const *field)
{
	json_t const *v = json_object_get(o, field);

	return v != NULL && !json_is_null(v);
}

char const *
vec_str(json_t const *o, char const *field)
{
	json_t const *v = json_object_get(o, field);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v))
		vec_bail("%s: %s is not a string", vec_name(o), field);
	if (strlen(json_string_value(v)) != json_string_length(v))
		vec_bail("%s: %s holds a NUL", vec_name(o), field);
	return json_string_value(v);
}

size_t
vec_text(json_t const *o, char const *field, char *buf, size_t max)
{
	char hexname[128];
	json_t const *v;
	size_t n;

	if (max == 0)
		vec_bail("%s: no room for %s", vec_name(o), field);
	if (snprintf(hexname, sizeof hexname, "%s_hex", field) >=
	    (int)sizeof hexname)
		vec_bail("field name %s too long", field);
	if (vec_has(o, hexname)) {
		if (!vec_hex(o, hexname, (unsigned char *)buf, max - 1, &n))
			vec_bail("%s: %s", vec_name(o), hexname);
		buf[n] = '\0';
		return n;
	}
	v = json_object_get(o, field);
	if (!json_is_string(v))
		vec_bail("%s: %s is not a string", vec_name(o), field);
	n = json_string_length(v);
	if (n >= max)
		vec_bail("%s: %s longer than %zu", vec_name(o), field, max);
	memcpy(buf, json_string_value(v), n);
	buf[n] = '\0';
	return n;
}

int
vec_hex(json_t const *o, char const *field, unsigned char *buf,
    size_t max, size_t *len)
{
	char const *s = vec_str(o, field);
	size_t slen, i;

	if (s == NULL)
		return 0;
	slen = strlen(s);
	for (i = 0; i < slen; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			vec_bail("%s: %s is not lowercase hex", vec_name(o),
			    field);
	if (slen % 2 != 0 || slen / 2 > max)
		vec_bail("%s: %s: odd or longer than %zu octets",
		    vec_name(o), field, max);
	if (sodium_hex2bin(buf, max, s, slen, NULL, len, NULL) != 0 ||
	    *len != slen / 2)
		vec_bail("%s: %s: bad hex", vec_name(o), field);
	return 1;
}

long long
vec_int(json_t const *o, char const *field)
{
	json_t const *v = json_object_get(o, field);

	if (!json_is_integer(v))
		vec_bail("%s: %s is not an integer", vec_name(o), field);
	return (long long)json_integer_value(v);
}

int
vec_bool(json_t const *o, char const *field)
{
	json_t const *v = json_object_get(o, field);

	if (!json_is_boolean(v))
		vec_bail("%s: %s is not a boolean", vec_name(o), field);
	return json_is_true(v);
}

void
vec_free(void)
{
	json_decref(root);
	root = NULL;
}

void
vec_hex_n(json_t const *o, char const *field, unsigned char *buf,
    size_t max, size_t want)
{
	size_t n;

	if (!vec_hex(o, field, buf, max, &n) || n != want)
		vec_bail("%s: bad %s", vec_name(o), field);
}

void
vec_split(json_t const *o, char const *field, struct tok *t, int n)
{
	char const *s = vec_str(o, field);

	if (s == NULL || tok_split(t, n, s, strlen(s)) != n)
		vec_bail("%s: bad %s", vec_name(o), field);
}
