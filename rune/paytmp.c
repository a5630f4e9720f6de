/* paytmp.c: the payload's temporary file, as paytmp.h says. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "die.h"
#include "paytmp.h"
#include "writeall.h"

/* an unnamed file in dir: O_TMPFILE, else a named one unlinked at once */
static int
tmpin(char const *dir)
{
	char path[HOME_PATH_MAX];
	int fd;

	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
	    errno != EINVAL))
		return fd;
	if (snprintf(path, sizeof path, "%s/rune-payload.XXXXXX", dir) >=
	    (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkostemp(path, O_CLOEXEC);	/* 0600 */
	if (fd >= 0 && unlink(path) < 0) {
		int e = errno;

		(void)close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

void
paytmp_open(struct paytmp *t, struct home const *h)
{
	static char dir[HOME_PATH_MAX];	/* one home a process */
	char const *d = getenv("TMPDIR");

	t->n = 0;
	if (d != NULL && *d == '/') {
		t->dir = d;
		t->fd = tmpin(d);
		if (t->fd >= 0)
			return;
	}
	home_mkdirs(h, "tmp");
	home_path(dir, h, "tmp");
	t->dir = dir;
	t->fd = tmpin(dir);
	if (t->fd < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to make a temporary file in %s",
		    dir);
}

void
paytmp_put(struct paytmp *t, void const *p, size_t n)
{
	if (n > 0 && !writeall(t->fd, p, n))
		die_sys(RUNE_EXIT_TEMP, "unable to write a temporary file in %s",
		    t->dir != NULL ? t->dir : "the temporary directory");
	t->n += n;
}

int
paytmp_read(void *arg, uint64_t off, unsigned char *p, size_t k)
{
	struct paytmp const *t = arg;
	ssize_t r;

	while (k > 0) {
		r = pread(t->fd, p, k, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return 0;
		if (r == 0) {
			errno = EIO;	/* shorter than written */
			return 0;
		}
		p += r;
		off += (uint64_t)r;
		k -= (size_t)r;
	}
	return 1;
}

void
paytmp_close(struct paytmp *t)
{
	if (t->fd >= 0)
		(void)close(t->fd);
	t->fd = -1;
}
