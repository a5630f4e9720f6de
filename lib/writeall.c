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
