/* payload.c: the MIME payload of a send request, into its temporary
 * file, as payload.h says. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "compose.h"
#include "die.h"
#include "mime.h"
#include "mimeenc.h"
#include "payload.h"
#include "textsrc.h"

/* the file name part of path */
static char const *
base(char const *path)
{
	char const *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* 1: the attachment at path can be read as it is encoded: a regular
 * file (not stdin), not of a text type (whose charset is found from all
 * of its octets first, as they are copied: textsrc.h); *fd open on it,
 * *len its size */
static int
streamable(char const *path, int *fd, size_t *len)
{
	struct stat st;

	if (strcmp(path, "-") == 0 ||
	    strncmp(mimeenc_type(base(path)), "text/", 5) == 0)
		return 0;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return 0;	/* textsrc_path says why */
	if (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > COMPOSE_FILE_MAX) {
		(void)close(*fd);
		return 0;
	}
	*len = (size_t)st.st_size;
	return 1;
}

void
payload_build(struct cli *c, struct send_req const *q, struct addr const *me,
    struct paytmp *t)
{
	struct buf out = { 0 };
	struct textsrc text, src[SEND_ATT_MAX];
	struct mime_att att[SEND_ATT_MAX];
	struct mime_msg m;
	size_t i;

	for (i = 0; i < q->natt; i++) {
		att[i].name = base(q->att[i]);
		att[i].fd = -1;
		att[i].data = NULL;
		att[i].src = NULL;
		src[i].f.fd = -1;
		if (streamable(q->att[i], &att[i].fd, &att[i].len))
			continue;
		/* a text type, stdin, a pipe: copied, its type found */
		textsrc_path(&src[i], q->att[i], &c->home);
		att[i].src = &src[i];
		att[i].fd = src[i].f.fd;
		att[i].len = (size_t)src[i].f.n;
	}
	compose_text_src(&text, q->text, &c->home, q->quote, q->quotelen);
	if (strcmp(text.cs, TEXTCS_UNKNOWN) == 0)
		warn("the text is not UTF-8 nor in the locale's charset (its "
		    "charset is unknown): it goes as text/plain; charset=%s, "
		    "octet for octet, and readers see '?' for the octets above "
		    "127; convert it with iconv -t UTF-8 first",
		    TEXTCS_UNKNOWN);
	memset(&m, 0, sizeof m);
	m.charset = text.cs;
	m.from = me;
	m.to = q->to;
	m.nto = q->nto;
	m.subject = q->subject;
	m.subject_raw = q->subject_raw;
	m.in_reply_to = q->in_reply_to;
	m.references = q->references;
	m.body = (unsigned char const *)"";
	m.bodylen = 0;
	m.text = &text;
	m.att = att;
	m.natt = q->natt;
	paytmp_open(t, &c->home);
	mime_build(&out, t, &m);
	buf_free(&out);
	textsrc_close(&text);
	for (i = 0; i < q->natt; i++) {
		if (att[i].src != NULL)
			textsrc_close(&src[i]);
		else if (att[i].fd >= 0)
			(void)close(att[i].fd);
	}
}
