/* afile.c: files written whole or not at all: tmp, fsync, rename (or
 * link, to create), fsync the directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* n octets of src from off to fd */
static int
copy(int fd, int src, uint64_t off, uint64_t n)
{
	unsigned char b[32768];
	ssize_t r;
	size_t k;

	while (n > 0) {
		k = n < sizeof b ? (size_t)n : sizeof b;
		r = pread(src, b, k, (off_t)off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;	/* shorter than said */
			return 0;
		}
		if (!writeall(fd, b, (size_t)r))
			return 0;
		off += (uint64_t)r;
		n -= (uint64_t)r;
	}
	return 1;
}

/* writes data, then n octets of src from off (none when src < 0), into
 * a new file path; on failure removes it */
static int
write_new(char const *path, void const *data, size_t len, int src,
    uint64_t off, uint64_t n, mode_t mode)
{
	int fd, err;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    mode);
	if (fd < 0)
		return 0;
	if (fchmod(fd, mode) < 0 || !writeall(fd, data, len) ||
	    (src >= 0 && !copy(fd, src, off, n)) || fsync(fd) < 0) {
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

/* the names dir/.name.tmp.RANDOM and dir/name; 1, 0 too long */
static int
names(char tmp[AFILE_PATH_MAX], char dst[AFILE_PATH_MAX], char const *dir,
    char const *name)
{
	int n;

	n = snprintf(tmp, AFILE_PATH_MAX, "%s/.%s" AFILE_TMP "%08x", dir,
	    name, (unsigned)randombytes_random());
	if (n < 0 || n >= AFILE_PATH_MAX)
		return errno = ENAMETOOLONG, 0;
	n = snprintf(dst, AFILE_PATH_MAX, "%s/%s", dir, name);
	if (n < 0 || n >= AFILE_PATH_MAX)
		return errno = ENAMETOOLONG, 0;
	return 1;
}

int
afile_create(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode)
{
	char tmp[AFILE_PATH_MAX], dst[AFILE_PATH_MAX];
	int err;

	if (!names(tmp, dst, dir, name) ||
	    !write_new(tmp, data, len, -1, 0, 0, mode))
		return 0;
	/* link, unlike rename, never replaces: of two creators racing, one
	 * gets EEXIST; either way dst is whole or absent */
	if (link(tmp, dst) < 0) {
		err = errno;
		unlink(tmp);
		errno = err;
		return 0;
	}
	if (unlink(tmp) < 0)
		return 0;
	return afile_sync_dir(dir);
}

int
afile_write(char const *dir, char const *name, void const *data,
    size_t len, mode_t mode)
{
	return afile_write_fd(dir, name, data, len, -1, 0, 0, mode);
}

int
afile_write_fd(char const *dir, char const *name, void const *data,
    size_t len, int src, uint64_t off, uint64_t n, mode_t mode)
{
	char tmp[AFILE_PATH_MAX], dst[AFILE_PATH_MAX];
	int err;

	if (!names(tmp, dst, dir, name) ||
	    !write_new(tmp, data, len, src, off, n, mode))
		return 0;
	if (rename(tmp, dst) < 0) {
		err = errno;
		unlink(tmp);
		errno = err;
		return 0;
	}
	return afile_sync_dir(dir);
}

long
afile_clean(char const *dir, char const *name, time_t age)
{
	char prefix[AFILE_PATH_MAX];
	struct dirent *e;
	struct stat sb;
	size_t plen;
	time_t now = time(NULL);
	long gone = 0;
	DIR *d;
	int fd, n, err;

	n = snprintf(prefix, sizeof prefix, ".%s" AFILE_TMP, name);
	if (n < 0 || (size_t)n >= sizeof prefix)
		return errno = ENAMETOOLONG, -1;
	plen = (size_t)n;
	if ((d = opendir(dir)) == NULL)
		return -1;
	fd = dirfd(d);
	for (;;) {
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		if (strncmp(e->d_name, prefix, plen) != 0 ||
		    fstatat(fd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(sb.st_mode) || sb.st_mtime > now - age)
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0)
			gone++;
		else if (errno != ENOENT)
			break;
	}
	err = errno;
	closedir(d);
	errno = err;
	return err ? -1 : gone;
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
