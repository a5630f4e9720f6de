/* remote.c: the message commands of remote.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "hexid.h"
#include "key.h"
#include "num.h"
#include "paytmp.h"
#include "progress.h"
#include "remote.h"

#define CHUNK 65536
#define LIST_LINES_PER_S 200	/* about 16 KiB of LIST lines */

int
remote_key(struct conn *cn, struct addr const *a,
    unsigned char pk[RUNE_PK_LEN])
{
	char line[RUNE_LINE_MAX];
	struct addr got;
	struct tok v[3];
	int code;

	snprintf(line, sizeof line, "KEY %s", a->s);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code == 404 || code == 402)
		return 0;
	if (code != 250)
		conn_fail(cn, "key");
	if (conn_args(cn, v, 3) != 2 || !addr_parse(&got, v[0].s, v[0].len) ||
	    strcmp(got.s, a->s) != 0 || !key_parse(pk, v[1].s, v[1].len))
		die(RUNE_EXIT_TEMP, "key: malformed 250 from %s", cn->hp.name);
	return 1;
}

void
remote_send(struct conn *cn, struct addr const *a,
    unsigned char const *blob, size_t len, char id[RUNE_ID_HEX_LEN + 1])
{
	unsigned char raw[RUNE_ID_LEN];
	char line[RUNE_LINE_MAX];
	struct progress p;
	struct tok v[2];
	size_t done, k;

	snprintf(line, sizeof line, "SEND %s %zu", a->s, len);
	conn_send(cn, line);
	if (conn_reply(cn) != 340)
		conn_fail(cn, "send");
	progress_init(&p, "sending", len);
	for (done = 0; done < len; done += k) {
		k = len - done < CHUNK ? len - done : CHUNK;
		conn_write(cn, blob + done, k, "send");
		progress_show(&p, done + k);
	}
	if (conn_reply(cn) != 250)
		conn_fail(cn, "send");
	if (conn_args(cn, v, 2) < 1 ||
	    !hexid_parse(raw, v[0].s, v[0].len))
		die(RUNE_EXIT_TEMP, "send: malformed 250 from %s", cn->hp.name);
	hexid_fmt(id, raw);
}

/* the LIST line s[0..len) of code 250: 1 an entry (e set), 0 the last
 * line (*count set); exits on anything else */
static int
list_line(struct conn *cn, char const *s, size_t len,
    struct remote_ent *e, uint64_t *count)
{
	unsigned char raw[RUNE_ID_LEN];
	struct tok v[3];

	if (len >= 4 && s[3] == '-' && tok_split(v, 3, s + 4, len - 4) == 2 &&
	    hexid_parse(raw, v[0].s, v[0].len) &&
	    num_parse(&e->size, v[1].s, v[1].len)) {
		hexid_fmt(e->id, raw);
		return 1;
	}
	if (len >= 4 && s[3] == ' ' && tok_split(v, 3, s + 4, len - 4) == 2 &&
	    num_parse(count, v[0].s, v[0].len))
		return 0;
	die(RUNE_EXIT_TEMP, "list: malformed reply from %s", cn->hp.name);
}

/* the next LIST line into *s, *len; exits on anything else */
static void
list_get(struct conn *cn, char **s, size_t *len)
{
	switch (conn_line(cn, s, len)) {
	case LINE_OK:
		break;
	case LINE_LONG:
		die(RUNE_EXIT_TEMP, "list: malformed reply from %s: a line too "
		    "long", cn->hp.name);
	case LINE_EOF:
		die(RUNE_EXIT_TEMP, "list: %s closed the connection mid-reply",
		    cn->hp.name);
	default:
		die(RUNE_EXIT_TEMP, "list: %s: %s", cn->hp.name,
		    conn_why(cn));
	}
	if (!tok_printable(*s, *len) || *len < 4)
		die(RUNE_EXIT_TEMP, "list: malformed reply from %s",
		    cn->hp.name);
}

size_t
remote_list(struct conn *cn, struct remote_ent **v)
{
	struct remote_ent *e = NULL, *ne, ent;
	size_t n = 0, cap = 0, len;
	uint64_t count;
	char *s;

	conn_send(cn, "LIST");
	/* read line by line: a mailbox may hold more than a reply keeps;
	 * the whole answer within the timeout and a second more for every
	 * LIST_LINES_PER_S lines, at most REMOTE_LIST_MAX of them */
	conn_cap(cn, cn->timeout);
	for (;;) {
		if (n > 0 && n % LIST_LINES_PER_S == 0)
			conn_cap_more(cn, 1);
		list_get(cn, &s, &len);
		if (memcmp(s, "250", 3) != 0)	/* a refusal: one line */
			conn_fail_line(cn, s, len, "list");
		if (!list_line(cn, s, len, &ent, &count))
			break;
		if (n == REMOTE_LIST_MAX)
			die(RUNE_EXIT_TEMP, "list: %s lists more than %d "
			    "messages (more than this client takes)",
			    cn->hp.name, REMOTE_LIST_MAX);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ne = reallocarray(e, cap, sizeof *e);
			if (ne == NULL)
				die_sys(RUNE_EXIT_TEMP, "out of memory");
			e = ne;
		}
		e[n++] = ent;
	}
	if (count != n)
		die(RUNE_EXIT_TEMP, "list: %s counts %llu messages, listed %zu",
		    cn->hp.name, (unsigned long long)count, n);
	*v = e;
	return n;
}

/* RETRIEVE id's head: 0 on 415, 1 with *size the octets to come */
static int
retrieve_head(struct conn *cn, char const *id,
    unsigned char want[RUNE_ID_LEN], uint64_t *size)
{
	char line[RUNE_LINE_MAX];
	struct tok v[2];
	int code;

	if (!hexid_parse(want, id, strlen(id)))
		die(RUNE_EXIT_PERM, "not a message id: %.100s", id);
	snprintf(line, sizeof line, "RETRIEVE %s", id);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code == 415)
		return 0;
	if (code != 240)
		conn_fail(cn, "retrieve");
	if (conn_args(cn, v, 2) != 1 || !num_parse(size, v[0].s, v[0].len))
		die(RUNE_EXIT_TEMP, "retrieve: malformed 240 from %s",
		    cn->hp.name);
	if (*size > REMOTE_BLOB_MAX)
		die(RUNE_EXIT_TEMP, "retrieve: %s offers message %s as %llu "
		    "octets, more than this client takes (%llu); nothing read",
		    cn->hp.name, id, (unsigned long long)*size,
		    (unsigned long long)REMOTE_BLOB_MAX);
	/* the octets within the timeout and a second more per RATE */
	conn_cap(cn, cn->timeout + (unsigned)(*size / REMOTE_RATE));
	return 1;
}

/* the size octets of the reply: into t when t->fd >= 0, else into b
 * (grown as octets arrive: a size alone allocates nothing large);
 * their BLAKE2b-256 must be want */
static void
retrieve_body(struct conn *cn, char const *id,
    unsigned char const want[RUNE_ID_LEN], uint64_t size, struct buf *b,
    struct paytmp *t)
{
	unsigned char got[RUNE_ID_LEN], piece[CHUNK / 2], *at;
	crypto_generichash_state g;
	struct progress p;
	uint64_t done;
	size_t k;

	(void)crypto_generichash_init(&g, NULL, 0, sizeof got);
	b->len = 0;
	progress_init(&p, "receiving", size);
	for (done = 0; done < size; done += k) {
		k = size - done < sizeof piece ? (size_t)(size - done) :
		    sizeof piece;
		if (t->fd < 0) {
			buf_room(b, k);
			at = b->s + b->len;
		} else
			at = piece;
		if (!conn_read_exact(cn, at, k))
			die(RUNE_EXIT_TEMP, "retrieve: connection lost after "
			    "%llu of %llu octets (%s)",
			    (unsigned long long)done,
			    (unsigned long long)size, conn_why(cn));
		(void)crypto_generichash_update(&g, at, k);
		if (t->fd < 0)
			b->len += k;
		else
			paytmp_put(t, at, k);
		progress_show(&p, done + k);
	}
	(void)crypto_generichash_final(&g, got, sizeof got);
	if (sodium_memcmp(got, want, sizeof got) != 0)
		die(RUNE_EXIT_TEMP, "retrieve: %s sent octets that are not "
		    "message %s", cn->hp.name, id);
}

int
remote_retrieve(struct conn *cn, char const *id, struct buf *b)
{
	struct paytmp none = { -1, 0, NULL };
	unsigned char want[RUNE_ID_LEN];
	uint64_t size;

	if (!retrieve_head(cn, id, want, &size))
		return 0;
	retrieve_body(cn, id, want, size, b, &none);
	return 1;
}

int
remote_retrieve_big(struct conn *cn, char const *id, struct buf *b,
    struct paytmp *t, uint64_t min)
{
	unsigned char want[RUNE_ID_LEN];
	uint64_t size;

	t->fd = -1;
	t->n = 0;
	if (!retrieve_head(cn, id, want, &size))
		return 0;
	if (size > min)
		paytmp_open(t, cn->home);
	retrieve_body(cn, id, want, size, b, t);
	return 1;
}

int
remote_delete(struct conn *cn, char const *id)
{
	char line[RUNE_LINE_MAX];
	int code;

	snprintf(line, sizeof line, "DELETE %s", id);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code == 415)
		return 0;
	if (code != 250)
		conn_fail(cn, "delete");
	return 1;
}
