/* msgview.c: a received payload shown, as msgview.h says. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "encwords.h"
#include "mimepart.h"
#include "msgview.h"
#include "msgwalk.h"
#include "rune.h"
#include "show.h"
#include "tsafe.h"
#include "writeall.h"

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
save(struct msgwalk *w, char const *dir)
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
		if (w->att[i].p != NULL) {
			mimepart_split(&m, w->att[i].p, w->att[i].n);
			mimepart_decode(&m, &dec);
		}
		if ((w->att[i].p != NULL ? !writeall(fd, dec.s, dec.len) :
		    !w->fsave(w, &w->att[i], fd)) || fsync(fd) != 0 ||
		    close(fd) != 0)
			die_sys(RUNE_EXIT_TEMP, "--save: unable to write "
			    "%.200s in %.200s", name, dir);
		show_printf("saved %s/%s\n", dir, name);
	}
	buf_free(&dec);
	close(dfd);
}

void
msgview_end(struct msgwalk *w, uint64_t textlen, char const *savedir)
{
	char size[32];
	size_t i;

	if (w->natt > 0)
		show_printf("%s[%zu attachment%s]\n", textlen > 0 ? "\n" : "",
		    w->natt, w->natt == 1 ? "" : "s");
	for (i = 0; i < w->natt; i++) {
		msgview_size(size, w->att[i].size);
		show_printf("  %zu  %s  %s  %s\n", i + 1,
		    w->att[i].name.len > 0 ? (char *)w->att[i].name.s :
		    "(no name)", w->att[i].type, size);
	}
	if (savedir != NULL)
		save(w, savedir);
	msgwalk_free(w);
}

void
msgview_body(unsigned char const *p, size_t n, char const *savedir)
{
	static struct msgwalk w;
	struct buf text = { 0 };

	memset(&w, 0, sizeof w);
	w.text = &text;
	msgwalk_part(p, n, &w, 0);
	if (text.len > 0)
		show_safe(text.s, text.len);
	msgview_end(&w, text.len, savedir);
	buf_free(&text);
}

void
msgview_text(unsigned char const *p, size_t n, struct buf *out)
{
	static struct msgwalk w;

	memset(&w, 0, sizeof w);
	w.text = out;
	msgwalk_part(p, n, &w, 0);
	msgwalk_free(&w);
}
