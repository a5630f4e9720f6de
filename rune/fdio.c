/* fdio.c: socket I/O under a deadline, with poll. */
#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "fdio.h"

/* milliseconds left before the deadline, at least 0 */
static int
ms_left(struct fdio const *f)
{
	struct timespec now;
	long long ms;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return 0;
	ms = (long long)(f->deadline.tv_sec - now.tv_sec) * 1000 +
	    (f->deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > 86400000 ? 86400000 : (int)ms;
}

void
fdio_arm(struct fdio *f)
{
	if (clock_gettime(CLOCK_MONOTONIC, &f->deadline) < 0)
		f->deadline.tv_sec = 0;
	f->deadline.tv_sec += f->timeout;
	f->at_cap = f->capped && (f->cap.tv_sec < f->deadline.tv_sec ||
	    (f->cap.tv_sec == f->deadline.tv_sec &&
	    f->cap.tv_nsec < f->deadline.tv_nsec));
	if (f->at_cap)
		f->deadline = f->cap;
}

void
fdio_cap(struct fdio *f, unsigned seconds)
{
	f->capped = seconds > 0;
	f->capsecs = seconds;
	if (clock_gettime(CLOCK_MONOTONIC, &f->cap) < 0)
		f->cap.tv_sec = 0;
	f->cap.tv_sec += seconds;
}

void
fdio_cap_more(struct fdio *f, unsigned seconds)
{
	f->cap.tv_sec += seconds;
	f->capsecs += seconds;
}

/* waits until the socket is ready for events before the deadline */
static int
wait_fd(struct fdio *f, short events)
{
	for (;;) {
		struct pollfd p = { f->fd, events, 0 };
		int ms = ms_left(f), r;

		if (ms == 0) {
			f->timedout = 1;
			return 0;
		}
		r = poll(&p, 1, ms);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR) {
			f->sys = errno;
			return 0;
		}
	}
}

int
fdio_read(void *ctx, unsigned char *buf, size_t len)
{
	struct fdio *f = ctx;

	for (;;) {
		ssize_t r;

		if (!wait_fd(f, POLLIN))
			return -1;
		r = read(f->fd, buf, len);
		if (r > 0)
			return (int)r;
		if (r == 0) {
			f->eof = 1;
			return -1;
		}
		if (errno != EINTR && errno != EAGAIN) {
			f->sys = errno;
			return -1;
		}
	}
}

int
fdio_write(void *ctx, unsigned char const *buf, size_t len)
{
	struct fdio *f = ctx;

	for (;;) {
		ssize_t w;

		if (!wait_fd(f, POLLOUT))
			return -1;
		w = write(f->fd, buf, len);
		if (w > 0)
			return (int)w;
		if (w < 0 && errno != EINTR && errno != EAGAIN) {
			f->sys = errno;
			return -1;
		}
	}
}
