/* writeall.c: write until everything is out or an error says no. */
#include <errno.h>
#include <unistd.h>

#include "writeall.h"

int
writeall(int fd, void const *buf, size_t len)
{
	unsigned char const *p = buf;

	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		p += w;
		len -= (size_t)w;
	}
	return 1;
}

size_t
readall(int fd, void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t have = 0;

	while (have < len) {
		ssize_t r = read(fd, p + have, len - have);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
	}
	return have;
}
