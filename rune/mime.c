/* mime.c: the outgoing message of mime.h. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "die.h"
#include "mime.h"
#include "mimeenc.h"

#define RAND_LEN 16
#define ATT_CHUNK (57 * 1024)	/* whole base64 lines of 57 octets */

/* 32 random lowercase hex digits and a NUL */
static void
random_hex(char out[2 * RAND_LEN + 1])
{
	unsigned char r[RAND_LEN];

	randombytes_buf(r, sizeof r);
	sodium_bin2hex(out, 2 * RAND_LEN + 1, r, sizeof r);
}

int
mime_subject_ok(char const *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* the headers of the text part and the text (from m->text in pieces,
 * flushed to t as they fill), labelled with its charset
 * (textcs.h) */
static void
text_part(struct buf *out, struct paytmp *t, struct mime_msg const *m)
{
	int plain = m->text != NULL ? m->text->seven :
	    mimeenc_is_7bit(m->body, m->bodylen);

	buf_fmt(out, "Content-Type: text/plain; charset=%s\r\n",
	    m->text != NULL ? m->text->cs :
	    m->charset != NULL ? m->charset : "utf-8");
	buf_fmt(out, "Content-Transfer-Encoding: %s\r\n\r\n",
	    plain ? "7bit" : "quoted-printable");
	if (m->text != NULL && plain)
		textsrc_crlf(m->text, out, t);
	else if (m->text != NULL)
		textsrc_qp(m->text, out, t);
	else if (plain)
		mimeenc_crlf(out, m->body, m->bodylen);
	else
		mimeenc_qp(out, m->body, m->bodylen);
}

/* out to t, when there is a t */
static void
flush(struct buf *out, struct paytmp *t)
{
	if (t == NULL || out->len == 0)
		return;
	paytmp_put(t, out->s, out->len);
	sodium_memzero(out->s, out->len);
	out->len = 0;
}

/* the attachment in a's file, in base64 to t chunk by chunk */
static void
att_stream(struct buf *out, struct paytmp *t, struct mime_att const *a)
{
	unsigned char chunk[ATT_CHUNK];
	size_t at = 0, k;
	ssize_t r;

	if (t == NULL)
		die(RUNE_EXIT_TEMP, "mime: a streamed attachment needs a file");
	while (at < a->len) {
		k = a->len - at < sizeof chunk ? a->len - at : sizeof chunk;
		r = pread(a->fd, chunk, k, (off_t)at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", a->name);
		if ((size_t)r != k)	/* whole lines, or the file shrank */
			die(RUNE_EXIT_TEMP, "%s changed while it was read: "
			    "nothing sent", a->name);
		mimeenc_b64(out, chunk, k);
		flush(out, t);
		at += k;
	}
	sodium_memzero(chunk, sizeof chunk);
}

static void
att_part(struct buf *out, struct paytmp *t, struct mime_att const *a)
{
	buf_puts(out, "Content-Type: ");
	if (a->src != NULL)
		textsrc_att_type(out, a->name, a->src);
	else if (a->data == NULL)	/* not a text type: no charset */
		buf_puts(out, mimeenc_type(a->name));
	else
		mimeenc_att_type(out, a->name, a->data, a->len);
	mimeenc_param(out, "name", a->name);
	buf_puts(out, "\r\nContent-Disposition: attachment");
	mimeenc_param(out, "filename", a->name);
	buf_puts(out, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	if (a->data == NULL)
		att_stream(out, t, a);
	else
		mimeenc_b64(out, a->data, a->len);
	flush(out, t);
}

/* a boundary that occurs nowhere in the text ("=_" never occurs in
 * quoted-printable or base64, but a 7bit text could hold anything) */
static void
boundary(char out[64], struct mime_msg const *m)
{
	char r[2 * RAND_LEN + 1];

	do {
		random_hex(r);
		memcpy(out, "=_rune_", 7);
		memcpy(out + 7, r, sizeof r);
	} while (m->text != NULL ? textsrc_has(m->text, out) :
	    memmem(m->body, m->bodylen, out, strlen(out)) != NULL);
}

void
mime_build(struct buf *out, struct paytmp *t, struct mime_msg const *m)
{
	char date[MIMEENC_DATE_MAX], r[2 * RAND_LEN + 1], b[64];
	size_t i;

	mimeenc_date(date, time(NULL));
	random_hex(r);
	buf_fmt(out, "From: %s\r\nTo: %s", m->from->s, m->to[0].s);
	for (i = 1; i < m->nto; i++)
		buf_fmt(out, ",\r\n %s", m->to[i].s);
	buf_fmt(out, "\r\nDate: %s\r\n", date);
	if (m->subject != NULL) {
		buf_puts(out, "Subject: ");
		if (m->subject_raw)
			buf_puts(out, m->subject);
		else
			mimeenc_header_text(out, m->subject,
			    strlen(m->subject));
		buf_puts(out, "\r\n");
	}
	buf_fmt(out, "Message-ID: <%s@%s>\r\n", r, m->from->s + m->from->at + 1);
	if (m->in_reply_to != NULL)
		buf_fmt(out, "In-Reply-To: %s\r\n", m->in_reply_to);
	if (m->references != NULL)
		buf_fmt(out, "References: %s\r\n", m->references);
	buf_puts(out, "MIME-Version: 1.0\r\n");
	if (m->natt == 0) {
		text_part(out, t, m);
		flush(out, t);
		return;
	}
	boundary(b, m);
	buf_fmt(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n", b);
	buf_fmt(out, "\r\n--%s\r\n", b);
	text_part(out, t, m);
	flush(out, t);
	for (i = 0; i < m->natt; i++) {
		buf_fmt(out, "\r\n--%s\r\n", b);
		att_part(out, t, &m->att[i]);
	}
	buf_fmt(out, "\r\n--%s--\r\n", b);
	flush(out, t);
}
