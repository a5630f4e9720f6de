/* afile.c: files written whole or not at all: tmp, fsync, rename, fsync. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "writeall.h"

int
afile_sync_dir(char const *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return 0;
	if (fsync(fd) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return 0;
	}
	return close(fd) == 0;
}

/* writes data into a new file path; on failure removes it */
static int
write_new(char const *path, void const *data, size_t len, mode_t mode)
{
	int fd, err;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0)
		return 0;
	if (fchmod(fd, mode) < 0 || !writeall(fd, data, len) ||
	    fsync(fd) < 0) {
		err = errno;
		close(fd);
		unlink(path);
		errno = err;
		return 0;
	}
	if (close(fd) < 0) {
		err = errno;
		unlink(path);
		errno = err;
		return 0;
	}
	return 1;
}

int
afile_write(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode)
{
	char tmp[4096], dst[4096];
	int n, err;

	n = snprintf(tmp, sizeof tmp, "%s/.%s.tmp.%08x", dir, name,
	    (unsigned)randombytes_random());
	if (n < 0 || (size_t)n >= sizeof tmp)
		return errno = ENAMETOOLONG, 0;
	n = snprintf(dst, sizeof dst, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof dst)
		return errno = ENAMETOOLONG, 0;
	if (!write_new(tmp, data, len, mode))
		return 0;
	if (rename(tmp, dst) < 0) {
		err = errno;
		unlink(tmp);
		errno = err;
		return 0;
	}
	return afile_sync_dir(dir);
}

int
afile_create(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode)
{
	char dst[4096];
	int n;

	n = snprintf(dst, sizeof dst, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof dst)
		return errno = ENAMETOOLONG, 0;
	if (!write_new(dst, data, len, mode))
		return 0;
	return afile_sync_dir(dir);
}

int
afile_read(char const *path, void *buf, size_t max, size_t *len)
{
	unsigned char *p = buf;
	size_t have = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	for (;;) {
		unsigned char extra;
		ssize_t r;

		if (have == max)
			r = read(fd, &extra, 1);
		else
			r = read(fd, p + have, max - have);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (r == 0)
			break;
		if (have == max) {
			errno = EFBIG;
			goto fail;
		}
		have += (size_t)r;
	}
	close(fd);
	*len = have;
	return 1;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}
