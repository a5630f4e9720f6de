/* outbox.c: the queue of anonymous messages, as outbox.h says. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "anonmode.h"
#include "anonsend.h"
#include "buf.h"
#include "die.h"
#include "num.h"
#include "outbox.h"
#include "tok.h"
#include "writeall.h"

#define MAGIC "rune-outbox 1"
#define FILE_MAX (64UL * 1024 * 1024)	/* an entry larger is damaged */
#define HEAD_MAX (8 * 1024 + 2 * HOME_PATH_MAX)	/* its fields fit */

/* 1: s is a printable one-line text (no newline) */
static int
oneline(char const *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

void
outbox_write(struct home const *h, struct outbox const *e)
{
	char dir[HOME_PATH_MAX];
	struct buf b = { 0 };

	buf_fmt(&b, "%s\nto %s\nnotbefore %llu\nstate %s\ntries %llu\n"
	    "why %s\nsent %s\n\n", MAGIC, e->to.s,
	    (unsigned long long)e->notbefore, e->state,
	    (unsigned long long)e->tries, e->why[0] != '\0' ? e->why : "-",
	    e->sent[0] != '\0' ? e->sent : "-");
	home_mkdirs(h, OUTBOX_DIR);
	home_path(dir, h, OUTBOX_DIR);
	if (!afile_write_fd(dir, e->id, b.s, b.len, e->fd, e->off, e->n,
	    0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, e->id);
	sodium_memzero(b.s, b.len);
	buf_free(&b);
}

void
outbox_add(struct home const *h, struct outbox *e, struct addr const *to,
    struct paytmp const *t, uint64_t notbefore, char const *sent)
{
	unsigned char r[OUTBOX_ID_LEN / 2];

	memset(e, 0, sizeof *e);
	e->fd = -1;
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(e->id, sizeof e->id, r, sizeof r);
	e->to = *to;
	e->notbefore = notbefore;
	snprintf(e->state, sizeof e->state, "waiting");
	if (sent != NULL) {
		if (strlen(sent) >= sizeof e->sent || !oneline(sent))
			die(RUNE_EXIT_PERM, "--sent: a path of one line "
			    "shorter than %zu octets", sizeof e->sent);
		snprintf(e->sent, sizeof e->sent, "%s", sent);
	}
	if ((e->fd = dup(t->fd)) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to dup a file descriptor");
	e->off = 0;
	e->n = t->n;
	outbox_write(h, e);
}

static int
id_ok(char const *s)
{
	size_t i;

	for (i = 0; i < OUTBOX_ID_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/* the next line of b[*at..len) after the word key and a space; 1 found
 * (*v, *vlen set), 0 not */
static int
field(unsigned char const *b, size_t len, size_t *at, char const *key,
    char const **v, size_t *vlen)
{
	size_t k = strlen(key), e;
	unsigned char const *nl;

	if (*at >= len || (nl = memchr(b + *at, '\n', len - *at)) == NULL)
		return 0;
	e = (size_t)(nl - b);
	if (e - *at < k + 1 || memcmp(b + *at, key, k) != 0 ||
	    b[*at + k] != ' ')
		return 0;
	*v = (char const *)b + *at + k + 1;
	*vlen = e - *at - k - 1;
	*at = e + 1;
	return 1;
}

/* copies v[0..len) into out[max] when it fits and is printable */
static int
text(char *out, size_t max, char const *v, size_t len)
{
	if (len >= max || !tok_printable(v, len))
		return 0;
	memcpy(out, v, len);
	out[len] = '\0';
	return 1;
}

int
outbox_read(struct home const *h, char const *id, struct outbox *e)
{
	char rel[sizeof OUTBOX_DIR + OUTBOX_ID_LEN + 2], path[HOME_PATH_MAX];
	unsigned char *b;
	char const *v;
	size_t len, vlen, at;
	struct stat st;
	int fd, ok;

	memset(e, 0, sizeof *e);
	e->fd = -1;
	if (!id_ok(id))
		die(RUNE_EXIT_PERM, "%.40s: not an outbox id (rune outbox "
		    "lists them)", id);
	snprintf(rel, sizeof rel, "%s/%s", OUTBOX_DIR, id);
	home_path(path, h, rel);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", path);
	}
	if (fstat(fd, &st) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to stat %s", path);
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > FILE_MAX)
		die(RUNE_EXIT_PERM, "%s: not an outbox entry", path);
	/* the fields only: the payload stays in the file */
	len = (uint64_t)st.st_size < HEAD_MAX ? (size_t)st.st_size : HEAD_MAX;
	if ((b = malloc(len + 1)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	errno = 0;
	if (readall(fd, b, len) != len)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	at = sizeof MAGIC;
	ok = len >= at && memcmp(b, MAGIC "\n", at) == 0 &&
	    field(b, len, &at, "to", &v, &vlen) &&
	    addr_parse(&e->to, v, vlen) &&
	    field(b, len, &at, "notbefore", &v, &vlen) &&
	    num_parse(&e->notbefore, v, vlen) &&
	    field(b, len, &at, "state", &v, &vlen) &&
	    text(e->state, sizeof e->state, v, vlen) &&
	    field(b, len, &at, "tries", &v, &vlen) &&
	    num_parse(&e->tries, v, vlen) &&
	    field(b, len, &at, "why", &v, &vlen) &&
	    text(e->why, sizeof e->why, v, vlen) &&
	    field(b, len, &at, "sent", &v, &vlen) &&
	    text(e->sent, sizeof e->sent, v, vlen) &&
	    at < len && b[at] == '\n';
	free(b);
	if (!ok)
		die(RUNE_EXIT_PERM, "%s: a damaged outbox entry (rune outbox "
		    "--drop %s removes it)", path, id);
	if (strcmp(e->why, "-") == 0)
		e->why[0] = '\0';
	if (strcmp(e->sent, "-") == 0)
		e->sent[0] = '\0';
	at++;
	memcpy(e->id, id, OUTBOX_ID_LEN + 1);
	e->fd = fd;
	e->off = at;
	e->n = (uint64_t)st.st_size - at;
	return 1;
}

int
outbox_drop(struct home const *h, char const *id)
{
	char rel[sizeof OUTBOX_DIR + OUTBOX_ID_LEN + 2], dir[HOME_PATH_MAX];
	int r;

	if (!id_ok(id))
		die(RUNE_EXIT_PERM, "%.40s: not an outbox id (rune outbox "
		    "lists them)", id);
	snprintf(rel, sizeof rel, "%s/%s", OUTBOX_DIR, id);
	r = home_remove(h, rel);
	home_path(dir, h, OUTBOX_DIR);
	if (r && !afile_sync_dir(dir))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", dir);
	return r;
}

void
outbox_free(struct outbox *e)
{
	if (e->fd >= 0)
		(void)close(e->fd);
	e->fd = -1;
	e->n = 0;
}

static int
idcmp(void const *a, void const *b)
{
	return strcmp(a, b);
}

outbox_id *
outbox_ids(struct home const *h, size_t *n)
{
	outbox_id *v = NULL;
	char dir[HOME_PATH_MAX];
	size_t cap = 0;
	struct dirent *d;
	DIR *dp;

	*n = 0;
	home_path(dir, h, OUTBOX_DIR);
	if ((dp = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return NULL;
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", dir);
	}
	while ((errno = 0, d = readdir(dp)) != NULL) {
		if (strlen(d->d_name) != OUTBOX_ID_LEN || !id_ok(d->d_name))
			continue;	/* ".", "..", a tmp file */
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			if ((v = realloc(v, cap * sizeof *v)) == NULL)
				die_sys(RUNE_EXIT_TEMP, "out of memory");
		}
		memcpy(v[(*n)++], d->d_name, OUTBOX_ID_LEN + 1);
	}
	if (errno != 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", dir);
	closedir(dp);
	if (*n > 1)
		qsort(v, *n, sizeof *v, idcmp);
	return v;
}

/* runs anon_send(c, e) in a child, its stderr copied to ours; the last
 * line it wrote (without "rune: fatal: ") into why; returns its exit */
static int
child(struct cli *c, struct outbox const *e, char why[OUTBOX_WHY_MAX])
{
	char buf[4096], last[OUTBOX_WHY_MAX + 64];
	size_t lastlen = 0, i;
	int fd[2], st, newline = 1;
	ssize_t r;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to make a pipe");
	if ((pid = fork()) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to fork");
	if (pid == 0) {
		close(fd[0]);
		if (dup2(fd[1], 2) < 0)
			_exit(RUNE_EXIT_TEMP);
		close(fd[1]);
		anon_send(c, e);	/* exits */
	}
	close(fd[1]);
	for (;;) {
		r = read(fd[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		(void)writeall(2, buf, (size_t)r);
		for (i = 0; i < (size_t)r; i++) {
			if (buf[i] == '\n') {
				newline = 1;
				continue;
			}
			if (newline)
				lastlen = 0;
			newline = 0;
			if (lastlen < sizeof last - 1)
				last[lastlen++] = buf[i];
		}
	}
	close(fd[0]);
	last[lastlen] = '\0';
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die_sys(RUNE_EXIT_TEMP, "unable to wait");
	{
		char const *s = last, *f = strstr(last, ": fatal: ");

		if (f != NULL)
			s = f + 9;
		for (i = 0; s[i] != '\0' && i < OUTBOX_WHY_MAX - 1; i++)
			why[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
		why[i] = '\0';
	}
	if (!WIFEXITED(st)) {
		snprintf(why, OUTBOX_WHY_MAX, "the sending process died "
		    "(signal %d)", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		return RUNE_EXIT_TEMP;
	}
	if (WEXITSTATUS(st) != 0 && why[0] == '\0')
		snprintf(why, OUTBOX_WHY_MAX, "failed (exit %d)",
		    WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

int
outbox_try(struct cli *c, struct outbox *e)
{
	char why[OUTBOX_WHY_MAX];
	int code;

	if (!anon_ready(c, why)) {
		snprintf(e->state, sizeof e->state, "waiting");
		snprintf(e->why, sizeof e->why, "%s", why);
		outbox_write(&c->home, e);
		warn("message %s to %s stays in the outbox, not sent: %s",
		    e->id, e->to.s, why);
		return RUNE_EXIT_TEMP;
	}
	e->tries++;
	outbox_write(&c->home, e);
	code = child(c, e, why);
	if (code == 0) {
		(void)outbox_drop(&c->home, e->id);
		return 0;
	}
	snprintf(e->state, sizeof e->state, "%s",
	    code == RUNE_EXIT_PERM ? "held" : "failed");
	/* the next try after a new random delay of 1..max, as the first
	 * (send.c): not every poll of fetch --watch, never by the command
	 * that failed, and at a time the failure does not tell (A4) */
	if (code != RUNE_EXIT_PERM) {
		uint64_t max = anonmode_delay_max(&c->home);

		e->notbefore = (uint64_t)time(NULL) + (max == 0 ? 0 : 1 +
		    randombytes_uniform((uint32_t)max));
	}
	snprintf(e->why, sizeof e->why, "%s", why);
	outbox_write(&c->home, e);
	warn("message %s to %s stays in the outbox (%s): nothing was sent "
	    "identified. rune outbox lists it; rune outbox --send %s tries "
	    "it again anonymously; rune outbox --send --identified %s sends "
	    "it with your login (the server then learns who wrote to whom); "
	    "rune outbox --drop %s drops it", e->id, e->to.s,
	    code == RUNE_EXIT_PERM ? "refused: held until you send or drop it"
	    : "failed: tried again by the next rune send, fetch or outbox "
	    "--send", e->id, e->id, e->id);
	return code;
}

int
outbox_run(struct cli *c, int wait)
{
	outbox_id *ids;
	struct outbox e;
	uint64_t now;
	size_t n, k;
	int rc = 0, r;

	ids = outbox_ids(&c->home, &n);
	for (k = 0; k < n; k++) {
		if (!outbox_read(&c->home, ids[k], &e))
			continue;	/* dropped meanwhile */
		if (strcmp(e.state, "held") == 0) {
			outbox_free(&e);
			continue;
		}
		now = (uint64_t)time(NULL);
		if (e.notbefore > now && wait) {
			info("message %s to %s: waiting %llu s (the random "
			    "delay before an anonymous send)", e.id, e.to.s,
			    (unsigned long long)(e.notbefore - now));
			while ((now = (uint64_t)time(NULL)) < e.notbefore)
				(void)sleep((unsigned)(e.notbefore - now >
				    3600 ? 3600 : e.notbefore - now));
		}
		if (e.notbefore <= now && (r = outbox_try(c, &e)) != 0)
			rc = r;
		outbox_free(&e);
	}
	free(ids);
	return rc;
}
