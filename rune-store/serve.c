/* serve.c: the pipe protocol (doc/rune-store.8): requests on fd 0, one
 * answer line each on fd 1.  The caller is not trusted: every field is
 * checked again here. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "hexid.h"
#include "num.h"
#include "store.h"
#include "tok.h"
#include "writeall.h"

#define REQ_MAX	256	/* octets of a request line with its LF */

/* "put ADDRESS SIZE" fits */
_Static_assert(4 + RUNE_ADDR_MAX + 1 + NUM_FMT_MAX + 1 <= REQ_MAX,
    "REQ_MAX too small for a put");

static int const fd0 = 0;

/* writes one answer line; a caller that is gone ends the program */
static void
say(char const *s)
{
	if (!writeall(1, s, strlen(s)))
		die_sys(RUNE_EXIT_TEMP, "unable to answer");
}

static void
answer(int code, unsigned char const *id)
{
	char buf[8 + RUNE_ID_HEX_LEN];

	switch (code) {
	case STORE_OK:
		if (id == NULL) {
			say("ok\n");
			break;
		}
		memcpy(buf, "ok ", 3);
		hexid_fmt(buf + 3, id);
		memcpy(buf + 3 + RUNE_ID_HEX_LEN, "\n", 2);
		say(buf);
		break;
	case STORE_BAD:
		say("err 400 bad request\n");
		break;
	case STORE_TOOBIG:
		say("err 413 message too large\n");
		break;
	case STORE_GONE:
		say("err 404 no such address\n");
		break;
	case STORE_NOMSG:
		say("err 415 no such message\n");
		break;
	case STORE_FULL:
		say("err 416 mailbox full\n");
		break;
	default:
		say("err 451 temporary failure, nothing stored\n");
		break;
	}
}

/* one put: "put ADDRESS SIZE"; returns the answer's code */
static int
put(struct store *st, struct line *in, struct tok const *v)
{
	unsigned char id[RUNE_ID_LEN];
	struct addr a;
	uint64_t size;
	int code;

	if (!addr_parse(&a, v[1].s, v[1].len) ||
	    !num_parse(&size, v[2].s, v[2].len) ||
	    size < RUNE_BLOB_MIN + RUNE_STORED_EXTRA)
		return STORE_BAD;
	if (size > st->c.maxsize + RUNE_STORED_EXTRA)
		return STORE_TOOBIG;
	code = store_put(st, in, &a, size, id);
	answer(code, code == STORE_OK ? id : NULL);
	return code;
}

int
store_serve(struct store *st)
{
	unsigned char id[RUNE_ID_LEN];
	char name[MBOX_NAME_LEN + 1];
	struct tok v[RUNE_ARGS_MAX];
	struct line in;
	size_t len;
	char *s;
	int n, code;

	line_init(&in, line_read_fd, (void *)&fd0, REQ_MAX);
	for (;;) {
		switch (line_get(&in, &s, &len)) {
		case LINE_EOF:
			return RUNE_EXIT_OK;
		case LINE_ERR:
			die_sys(RUNE_EXIT_TEMP, "unable to read a request");
		case LINE_LONG:
			answer(STORE_BAD, NULL);
			return RUNE_EXIT_PERM;
		case LINE_OK:
			break;
		}
		n = tok_request(v, RUNE_ARGS_MAX, s, len, in.crlf);
		code = STORE_BAD;
		if (n == 3 && tok_word(&v[0], "put")) {
			code = put(st, &in, v);
			if (code == STORE_EOF)
				return RUNE_EXIT_TEMP;	/* caller gone */
			if (code != STORE_BAD && code != STORE_TOOBIG)
				continue;
		} else if (n == 3 && tok_word(&v[0], "del") &&
		    mbox_name_ok(v[1].s, v[1].len) &&
		    hexid_parse(id, v[2].s, v[2].len)) {
			memcpy(name, v[1].s, MBOX_NAME_LEN);
			name[MBOX_NAME_LEN] = '\0';
			answer(store_del(st, name, id), NULL);
			continue;
		} else if (n == 2 && tok_word(&v[0], "purge") &&
		    mbox_name_ok(v[1].s, v[1].len)) {
			memcpy(name, v[1].s, MBOX_NAME_LEN);
			name[MBOX_NAME_LEN] = '\0';
			answer(store_purge(st, name), NULL);
			continue;
		} else if (n == 1 && tok_word(&v[0], "init")) {
			answer(STORE_OK, NULL);		/* salt made at start */
			continue;
		}
		/* the stream can't be trusted any further */
		warn("refused a request (%s)", code == STORE_TOOBIG ?
		    "size over MAXSIZE" : "malformed");
		answer(code, NULL);
		return RUNE_EXIT_PERM;
	}
}
