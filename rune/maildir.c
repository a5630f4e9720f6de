/* maildir.c: Maildir delivery, as maildir.h says. */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "maildir.h"
#include "rune.h"
#include "show.h"

#define PATH_MAX_MD 4096

static void
mkdir_0700(char const *path)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return;
	if (errno != EEXIST)
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", path);
	if (stat(path, &st) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to stat %s", path);
	if (!S_ISDIR(st.st_mode))
		die(RUNE_EXIT_PERM, "%s is not a directory", path);
}

static void
path_of(char out[PATH_MAX_MD], char const *dir, char const *sub,
    char const *name)
{
	int n = snprintf(out, PATH_MAX_MD, "%s%s%s%s%s", dir, sub ? "/" : "",
	    sub ? sub : "", name ? "/" : "", name ? name : "");

	if (n < 0 || n >= PATH_MAX_MD)
		die(RUNE_EXIT_PERM, "path too long: %s", dir);
}

void
maildir_init(char const *dir)
{
	static char const *const sub[] = { "tmp", "new", "cur" };
	char p[PATH_MAX_MD];
	size_t i;

	mkdir_0700(dir);
	for (i = 0; i < 3; i++) {
		path_of(p, dir, sub[i], NULL);
		mkdir_0700(p);
	}
}

/* the body from fd: n octets from off, read in pieces, written as
 * show_text writes a buffer (CRLF made LF, a last LF added) */
static int
text_from_fd(FILE *f, int fd, uint64_t off, uint64_t n)
{
	unsigned char b[32768];
	int cr = 0, last = '\n';
	size_t i;

	while (n > 0) {
		ssize_t got = pread(fd, b, n < sizeof b ? (size_t)n : sizeof b,
		    (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return 0;
		for (i = 0; i < (size_t)got; i++) {
			if (cr && b[i] != '\n' && putc('\r', f) == EOF)
				return 0;
			cr = b[i] == '\r';
			if (!cr && putc(b[i], f) == EOF)
				return 0;
		}
		last = b[got - 1];
		off += (uint64_t)got;
		n -= (uint64_t)got;
	}
	if (cr && putc('\r', f) == EOF)
		return 0;
	return last == '\n' || putc('\n', f) != EOF;
}

/* head, then body[0..blen) or, with body NULL, n octets of fd from off */
static void
deliver(char const *dir, unsigned char const *head, size_t hlen,
    unsigned char const *body, size_t blen, int fd_body, uint64_t off,
    uint64_t n, char name[64])
{
	char tmp[PATH_MAX_MD], new[PATH_MAX_MD], r[17];
	unsigned char rb[8];
	FILE *f;
	int fd, ok;

	randombytes_buf(rb, sizeof rb);
	sodium_bin2hex(r, sizeof r, rb, sizeof rb);
	snprintf(name, 64, "%lld.R%s.rune", (long long)time(NULL), r);
	path_of(tmp, dir, "tmp", name);
	path_of(new, dir, "new", name);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to create %s", tmp);
	if ((f = fdopen(fd, "w")) == NULL)
		die_sys(RUNE_EXIT_TEMP, "unable to open %s", tmp);
	ok = fwrite(head, 1, hlen, f) == hlen && (body != NULL ?
	    show_text(f, body, blen) : text_from_fd(f, fd_body, off, n)) &&
	    fflush(f) == 0 && fsync(fd) == 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, new) < 0) {
		int e = errno;

		(void)unlink(tmp);
		errno = e;
		die_sys(RUNE_EXIT_TEMP, "unable to deliver into %s", dir);
	}
	path_of(new, dir, "new", NULL);
	if (!afile_sync_dir(new))
		die_sys(RUNE_EXIT_TEMP, "unable to sync %s", new);
}

void
maildir_deliver(char const *dir, unsigned char const *head, size_t hlen,
    unsigned char const *body, size_t blen, char name[64])
{
	deliver(dir, head, hlen, body != NULL ? body :
	    (unsigned char const *)"", blen, -1, 0, 0, name);
}

void
maildir_deliver_fd(char const *dir, unsigned char const *head, size_t hlen,
    int fd, uint64_t off, uint64_t n, char name[64])
{
	deliver(dir, head, hlen, NULL, 0, fd, off, n, name);
}
