/* compose.c: a message's text and attachments, as compose.h says. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compose.h"
#include "die.h"
#include "rune.h"
#include "textsrc.h"
#include "writeall.h"

#define EDITOR_ARGS 16

/* 1: b holds an empty line (LF LF, or LF CR LF) */
static int
head_ends(struct buf const *b)
{
	return b->len >= 2 && (memmem(b->s, b->len, "\n\n", 2) != NULL ||
	    memmem(b->s, b->len, "\n\r\n", 3) != NULL);
}

/* reads fd into b up to its header's end (the first empty line) or
 * COMPOSE_HEAD_MAX octets; the rest of stdin is read and dropped, so a
 * program piping the message in sees it taken; name is for messages */
static void
read_head(struct buf *b, int fd, char const *name)
{
	char skip[65536];
	ssize_t r;

	while (b->len < COMPOSE_HEAD_MAX && !head_ends(b)) {
		buf_room(b, 4096);
		r = read(fd, b->s + b->len, 4096);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", name);
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	while (fd == 0 && ((r = read(fd, skip, sizeof skip)) > 0 ||
	    (r < 0 && errno == EINTR)))
		;
	buf_room(b, 1);
	b->s[b->len] = '\0';
}

void
compose_read_head(struct buf *b, char const *path)
{
	int fd = textsrc_open(path);

	read_head(b, fd, fd == 0 ? "stdin" : path);
	if (fd != 0)
		(void)close(fd);
}

/* runs the editor on path and waits for it */
static void
edit(char const *path)
{
	char const *e = getenv("VISUAL");
	char *words, *argv[EDITOR_ARGS + 2], *tok, *save;
	int n = 0, st;
	pid_t pid;

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	if (e == NULL || *e == '\0')
		e = "vi";
	if ((words = strdup(e)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	for (tok = strtok_r(words, " ", &save); tok != NULL && n < EDITOR_ARGS;
	    tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	if (n == 0)
		die(RUNE_EXIT_PERM, "the editor is empty: set $EDITOR");
	argv[n++] = (char *)path;
	argv[n] = NULL;
	pid = fork();
	if (pid < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to fork");
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die_sys(RUNE_EXIT_TEMP, "unable to wait for the editor");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		die(RUNE_EXIT_PERM, "the editor %s failed%s; nothing sent",
		    argv[0], WIFEXITED(st) && WEXITSTATUS(st) == 127 ?
		    " (not found?)" : "");
	free(words);
}

/* the editor's draft, starting with quote[0..qlen): an fd open on it
 * after the editor, its name in tmp (to remove) */
static int
draft(char tmp[HOME_PATH_MAX], struct home const *h,
    unsigned char const *quote, size_t qlen)
{
	int fd;

	home_mkdirs(h, "tmp");
	home_path(tmp, h, "tmp/draft.XXXXXX");
	fd = mkstemp(tmp);	/* mode 0600 */
	if (fd < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", tmp);
	if (qlen > 0 && !writeall(fd, quote, qlen)) {
		(void)unlink(tmp);
		die_sys(RUNE_EXIT_TEMP, "unable to write %s", tmp);
	}
	close(fd);
	edit(tmp);
	fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		(void)unlink(tmp);
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", tmp);
	}
	return fd;
}

void
compose_text_src(struct textsrc *s, char const *path, struct home const *h,
    unsigned char const *quote, size_t qlen)
{
	char tmp[HOME_PATH_MAX];
	int fd;

	if (path != NULL || !isatty(0)) {
		textsrc_path(s, path != NULL ? path : "-", h);
		return;
	}
	fd = draft(tmp, h, quote, qlen);
	if (unlink(tmp) < 0)	/* fd still reads it */
		warn_sys("unable to remove %s", tmp);
	textsrc_fd(s, fd, tmp, h);
	close(fd);
	if (s->f.n == 0)
		die(RUNE_EXIT_PERM, "the text is empty; nothing sent");
}
