/* msgview.c: a received payload shown, as msgview.h says. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "charset.h"
#include "die.h"
#include "encwords.h"
#include "mimepart.h"
#include "msgview.h"
#include "rune.h"
#include "show.h"
#include "tsafe.h"
#include "writeall.h"

struct att {
	unsigned char const *p;	/* the whole part */
	size_t n;
	char type[MIMEPART_TYPE_MAX];
	struct buf name;	/* decoded, as the sender wrote it */
	size_t size;		/* decoded */
};

struct walk {
	struct buf *text;	/* the text parts, UTF-8 */
	unsigned ntext;
	struct att att[MSGVIEW_ATT_MAX];
	size_t natt;
	int depth;		/* of the multipart's children */
};

static void walk_part(unsigned char const *p, size_t n, struct walk *w,
    int depth);

static void
child(unsigned char const *p, size_t n, void *arg)
{
	struct walk *w = arg;

	walk_part(p, n, w, w->depth);
}

/* a multipart/alternative: its first text/plain part, else its first
 * part */
struct alt {
	unsigned char const *p, *first;
	size_t n, firstn;
};

static void
alt_child(unsigned char const *p, size_t n, void *arg)
{
	struct alt *a = arg;
	struct mimepart m;
	char type[MIMEPART_TYPE_MAX];

	if (a->first == NULL) {
		a->first = p;
		a->firstn = n;
	}
	mimepart_split(&m, p, n);
	mimepart_type(&m, type);
	if (a->p == NULL && strcmp(type, "text/plain") == 0) {
		a->p = p;
		a->n = n;
	}
}

/* the name the sender gave the part (filename, else name), decoded */
static void
part_name(struct mimepart const *m, struct buf *out)
{
	struct buf v = { 0 }, raw = { 0 };
	char cs[32];
	int got = 0;

	if (mimepart_field(m, "Content-Disposition", &v))
		got = mimepart_param(v.s, v.len, "filename", &raw, cs);
	if (!got && mimepart_field(m, "Content-Type", &v))
		got = mimepart_param(v.s, v.len, "name", &raw, cs);
	if (got && cs[0] != '\0')
		charset_utf8(cs, raw.s, raw.len, out);
	else if (got)
		encwords_decode(raw.s, raw.len, out);
	buf_free(&v);
	buf_free(&raw);
}

/* appends in to out with every CRLF made LF */
static void
crlf_to_lf(struct buf *out, struct buf const *in)
{
	size_t i;

	for (i = 0; i < in->len; i++)
		if (!(in->s[i] == '\r' && i + 1 < in->len &&
		    in->s[i + 1] == '\n'))
			buf_put(out, in->s + i, 1);
}

static int
is_attachment(struct mimepart const *m)
{
	struct buf v = { 0 };
	int r;

	r = mimepart_field(m, "Content-Disposition", &v) &&
	    strncasecmp((char const *)v.s, "attachment", 10) == 0;
	buf_free(&v);
	return r;
}

static void
walk_part(unsigned char const *p, size_t n, struct walk *w, int depth)
{
	struct mimepart m;
	struct buf v = { 0 }, b = { 0 }, dec = { 0 };
	char type[MIMEPART_TYPE_MAX], cs[32];
	struct alt a = { 0 };
	struct att *t;
	int outer;

	mimepart_split(&m, p, n);
	mimepart_type(&m, type);
	if (strncmp(type, "multipart/", 10) == 0 &&
	    depth < MIMEPART_DEPTH_MAX &&
	    mimepart_field(&m, "Content-Type", &v) &&
	    mimepart_param(v.s, v.len, "boundary", &b, NULL) && b.len > 0 &&
	    memchr(b.s, '\0', b.len) == NULL) {
		outer = w->depth;
		w->depth = depth + 1;
		if (strcmp(type, "multipart/alternative") == 0) {
			mimepart_each(&m, (char *)b.s, alt_child, &a);
			if (a.p != NULL)
				walk_part(a.p, a.n, w, depth + 1);
			else if (a.first != NULL)
				walk_part(a.first, a.firstn, w, depth + 1);
		} else {
			mimepart_each(&m, (char *)b.s, child, w);
		}
		w->depth = outer;
		buf_free(&v);
		buf_free(&b);
		return;
	}
	if (strcmp(type, "text/plain") == 0 && !is_attachment(&m)) {
		mimepart_decode(&m, &dec);
		cs[0] = '\0';
		if (mimepart_field(&m, "Content-Type", &v))
			(void)mimepart_param(v.s, v.len, "charset", &b, NULL);
		if (b.len > 0 && b.len < sizeof cs)
			memcpy(cs, b.s, b.len + 1);
		if (w->ntext++ > 0)
			buf_puts(w->text, "\n");
		b.len = 0;
		charset_utf8(cs, dec.s, dec.len, &b);
		crlf_to_lf(w->text, &b);
		if (w->text->len > 0 && w->text->s[w->text->len - 1] != '\n')
			buf_puts(w->text, "\n");
	} else if (w->natt < MSGVIEW_ATT_MAX) {
		t = &w->att[w->natt++];
		memset(t, 0, sizeof *t);
		t->p = p;
		t->n = n;
		memcpy(t->type, type, sizeof t->type);
		part_name(&m, &t->name);
		mimepart_decode(&m, &dec);
		t->size = dec.len;
	}
	buf_free(&v);
	buf_free(&b);
	buf_free(&dec);
}

static void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->natt; i++)
		buf_free(&w->att[i].name);
}

void
msgview_fields(unsigned char const *p, size_t n)
{
	static char const *const names[] = { "Subject", "To", "Cc",
	    "Message-ID", "In-Reply-To", "References" };
	struct mimepart m;
	struct buf v = { 0 }, d = { 0 };
	size_t i;

	mimepart_split(&m, p, n);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!mimepart_field(&m, names[i], &v))
			continue;
		d.len = 0;
		encwords_decode(v.s, v.len, &d);
		show_printf("%s: %s\n", names[i], d.s);
	}
	buf_free(&v);
	buf_free(&d);
}

void
msgview_size(char out[32], unsigned long long n)
{
	if (n < 1024)
		snprintf(out, 32, "%llu B", n);
	else if (n < 1024 * 1024)
		snprintf(out, 32, "%.1f KiB", (double)n / 1024);
	else
		snprintf(out, 32, "%.1f MiB", (double)n / (1024 * 1024));
}

void
msgview_safe_name(char const *s, size_t n, unsigned k,
    char out[MSGVIEW_NAME_MAX + 1])
{
	unsigned char const *p = (unsigned char const *)s;
	size_t i, a = 0, o = 0, len;
	int ok;

	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == '\\')
			a = i + 1;
	while (a < n && (s[a] == '.' || s[a] == ' ' || s[a] == '\t'))
		a++;
	for (i = a; i < n; i += len) {
		len = tsafe_len(p + i, n - i, 0, &ok);
		if (!ok || s[i] == '\t') {
			if (o + 1 > MSGVIEW_NAME_MAX)
				break;
			out[o++] = '_';
			continue;
		}
		if (o + len > MSGVIEW_NAME_MAX)
			break;
		memcpy(out + o, s + i, len);
		o += len;
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	out[o] = '\0';
	if (o == 0)
		snprintf(out, MSGVIEW_NAME_MAX + 1, "attachment-%u", k);
}

/* creates name (then "stem-2.ext", ...) in the directory dfd; the fd, or
 * -1 with errno */
static int
create(int dfd, char name[MSGVIEW_NAME_MAX + 16])
{
	char base[MSGVIEW_NAME_MAX + 1], tmp[MSGVIEW_NAME_MAX + 16], *dot;
	unsigned k;
	int fd;

	memcpy(base, name, strlen(name) + 1);	/* <= MSGVIEW_NAME_MAX */
	dot = strrchr(base, '.');
	for (k = 2; k < 1000; k++) {
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		if (dot != NULL && dot != base)
			snprintf(tmp, sizeof tmp, "%.*s-%u%s",
			    (int)(dot - base), base, k, dot);
		else
			snprintf(tmp, sizeof tmp, "%s-%u", base, k);
		memcpy(name, tmp, strlen(tmp) + 1);	/* < 216 octets */
	}
	errno = EEXIST;
	return -1;
}

static void
save(struct walk *w, char const *dir)
{
	char name[MSGVIEW_NAME_MAX + 16];
	struct buf dec = { 0 };
	struct mimepart m;
	size_t i;
	int dfd, fd;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		die_sys(RUNE_EXIT_PERM, "--save: %.200s: not a directory",
		    dir);
	for (i = 0; i < w->natt; i++) {
		msgview_safe_name((char *)w->att[i].name.s, w->att[i].name.len,
		    (unsigned)i + 1, name);
		if ((fd = create(dfd, name)) < 0)
			die_sys(RUNE_EXIT_TEMP, "--save: unable to create "
			    "%.200s in %.200s", name, dir);
		dec.len = 0;
		mimepart_split(&m, w->att[i].p, w->att[i].n);
		mimepart_decode(&m, &dec);
		if (!writeall(fd, dec.s, dec.len) || fsync(fd) != 0 ||
		    close(fd) != 0)
			die_sys(RUNE_EXIT_TEMP, "--save: unable to write "
			    "%.200s in %.200s", name, dir);
		show_printf("saved %s/%s\n", dir, name);
	}
	buf_free(&dec);
	close(dfd);
}

void
msgview_body(unsigned char const *p, size_t n, char const *savedir)
{
	static struct walk w;
	struct buf text = { 0 };
	char size[32];
	size_t i;

	memset(&w, 0, sizeof w);
	w.text = &text;
	walk_part(p, n, &w, 0);
	if (text.len > 0)
		show_safe(text.s, text.len);
	if (w.natt > 0)
		show_printf("%s[%zu attachment%s]\n", text.len > 0 ? "\n" : "",
		    w.natt, w.natt == 1 ? "" : "s");
	for (i = 0; i < w.natt; i++) {
		msgview_size(size, w.att[i].size);
		show_printf("  %zu  %s  %s  %s\n", i + 1,
		    w.att[i].name.len > 0 ? (char *)w.att[i].name.s :
		    "(no name)", w.att[i].type, size);
	}
	if (savedir != NULL)
		save(&w, savedir);
	walk_free(&w);
	buf_free(&text);
}

void
msgview_text(unsigned char const *p, size_t n, struct buf *out)
{
	static struct walk w;

	memset(&w, 0, sizeof w);
	w.text = out;
	walk_part(p, n, &w, 0);
	walk_free(&w);
}
