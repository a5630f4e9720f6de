/* life.c: a session's life in one place: what it wipes, how it ends
 * (logged), how it fails (a last reply, logged, exit 111). */
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "chal.h"
#include "life.h"
#include "keysc.h"
#include "reply.h"
#include "session.h"
#include "slog.h"
#include "store.h"

void
session_wipe(struct session *s)
{
	chal_wipe(&s->chal);
	sodium_memzero(s->server_sk, sizeof s->server_sk);
	sodium_memzero(s->nonce, sizeof s->nonce);
	sodium_memzero(s->token, sizeof s->token);
	s->tokenlen = 0;
	sodium_memzero(s->login_n, sizeof s->login_n);
	sodium_memzero(s->login_sig, sizeof s->login_sig);
	sodium_memzero(s->receipt, sizeof s->receipt);
}

long
session_ms(struct session const *s)
{
	struct timespec now;

	if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return 0;
	return (long)(now.tv_sec - s->start.tv_sec) * 1000 +
	    (now.tv_nsec - s->start.tv_nsec) / 1000000;
}

void
session_end(struct session *s)
{
	struct rusage ru;

	store_stop(s);
	keys_stop(s);
	if (getrusage(RUSAGE_SELF, &ru) < 0)
		ru.ru_maxrss = 0;
	slog(s, "event=end reason=%s ms=%ld commands=%lu refused=%u rss_kb=%ld",
	    s->endreason ? s->endreason : "none", session_ms(s), s->commands,
	    s->refused, ru.ru_maxrss);
	session_wipe(s);
}

void
session_fail(struct session *s, int code, char const *why)
{
	/* straight to the transport, not through reply(): a reply that
	 * cannot be written fails the session, which must not loop */
	if (code) {
		char line[64];
		size_t n = reply_fmt(line, sizeof line, code, 0, code == 451 ?
		    "temporary failure, nothing stored" :
		    "closing: server failure");

		if (n > 0 && s->io.write(s->io.ctx, line, n))
			s->io.flush(s->io.ctx);
	}
	slog(s, "event=fail reason=%s", why);
	session_wipe(s);
	_exit(111);
}
