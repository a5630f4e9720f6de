/* send.c: one message out, as send.h says. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "body.h"
#include "die.h"
#include "out.h"
#include "msg.h"
#include "padme.h"
#include "pin.h"
#include "remote.h"
#include "send.h"

/* the file name part of path */
static char const *
base(char const *path)
{
	char const *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* the payload of q from me into out */
static void
payload(struct cli *c, struct send_req const *q, struct addr const *me,
    struct buf *out)
{
	struct buf text = { 0 }, data[SEND_ATT_MAX];
	struct mime_att att[SEND_ATT_MAX];
	struct mime_msg m;
	size_t i;

	memset(data, 0, sizeof data);
	for (i = 0; i < q->natt; i++) {
		body_read_file(&data[i], q->att[i]);
		att[i].name = base(q->att[i]);
		att[i].data = data[i].s;
		att[i].len = data[i].len;
	}
	body_text_quoted(&text, q->text, &c->home, q->quote, q->quotelen);
	memset(&m, 0, sizeof m);
	m.from = me;
	m.to = &q->to;
	m.subject = q->subject;
	m.subject_raw = q->subject_raw;
	m.in_reply_to = q->in_reply_to;
	m.references = q->references;
	m.body = text.s != NULL ? text.s : (unsigned char const *)"";
	m.bodylen = text.len;
	m.att = att;
	m.natt = q->natt;
	mime_build(out, &m);
	buf_free(&text);
	for (i = 0; i < q->natt; i++)
		buf_free(&data[i]);
}

int
send_message(struct cli *c, struct send_req const *q)
{
	unsigned char sk[RUNE_SK_LEN], pk[RUNE_PK_LEN], *blob;
	char id[RUNE_ID_HEX_LEN + 1];
	struct buf p = { 0 };
	struct conn cn;
	struct addr me;
	uint64_t need, max;
	size_t bloblen;

	cli_identity(c, &me, sk);
	payload(c, q, &me, &p);
	need = padme_blob_size(p.len);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	max = remote_maxsize(&cn);
	if (need == 0 || need > SIZE_MAX || (max > 0 && need > max)) {
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "message too large: %zu octets make a "
		    "blob of %llu, and %s takes at most %llu; nothing sent",
		    p.len, (unsigned long long)need, cn.hp.name,
		    (unsigned long long)max);
	}
	cli_login(&cn, &me, sk);
	if (!remote_key(&cn, &q->to, pk)) {
		conn_quit(&cn);
		die(RUNE_EXIT_PERM, "send: %s has no key on %s (no such "
		    "address); nothing sent", q->to.s, cn.hp.name);
	}
	pin_addr_key(&c->home, &q->to, pk);
	if ((blob = malloc((size_t)need)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	if (!msg_make(blob, (size_t)need, &bloblen, p.s, p.len, &me, sk,
	    &q->to, pk))
		die_sys(errno == EMSGSIZE ? RUNE_EXIT_PERM : RUNE_EXIT_TEMP,
		    "unable to seal the message");
	sodium_memzero(sk, sizeof sk);
	buf_free(&p);
	remote_send(&cn, &q->to, blob, bloblen, id);
	free(blob);
	out_printf("%s\n", id);
	out_flush();
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}
