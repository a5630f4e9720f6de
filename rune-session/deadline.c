/* deadline.c: the session's clocks: the idle time, restarted for each
 * command and each 64 KiB of a body, and the lifetime, which cuts it
 * short. */
#include <errno.h>
#include <limits.h>

#include "clock.h"
#include "deadline.h"
#include "replies.h"
#include "session.h"

void
deadline_idle(struct session *s)
{
	s->io.deadline(s->io.ctx, clock_ms() + 1000LL * s->conf.idle);
}

long long
deadline_lifetime_end(struct session const *s)
{
	return (long long)s->start.tv_sec * 1000 +
	    s->start.tv_nsec / 1000000 + 1000LL * s->conf.sessionmax;
}

void
deadline_read_until(struct session *s, long long until)
{
	long long idle = clock_ms() + 1000LL * s->conf.idle;
	long long end = deadline_lifetime_end(s);

	if (end < idle)
		idle = end;
	s->io.deadline(s->io.ctx, until < idle ? until : idle);
}

void
deadline_read(struct session *s)
{
	deadline_read_until(s, LLONG_MAX);
}

int
deadline_lifetime_over(struct session const *s)
{
	return clock_ms() >= deadline_lifetime_end(s);
}

void
deadline_timeout(struct session *s)
{
	int life = deadline_lifetime_over(s);

	deadline_idle(s);		/* time to send it */
	reply(s, 421, life ? "closing: session time limit" :
	    "closing: idle timeout");
	s->endreason = life ? "lifetime" : "timeout";
	s->closing = 1;
}

int
deadline_read_exact(struct session *s, unsigned char *buf, size_t n)
{
	while (n > 0) {
		size_t k = n < DEADLINE_CHUNK ? n : DEADLINE_CHUNK;
		int r;

		deadline_read(s);
		r = line_read_exact(&s->in, buf, k);
		if (r != 1)
			return r < 0 && errno == ETIMEDOUT ? -1 : 0;
		buf += k;
		n -= k;
	}
	return 1;
}
