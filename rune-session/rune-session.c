/* rune-session: one RUNE connection on fds 0 and 1, started by tcpserver,
 * s6-tcpserver, systemd (Accept=yes) or inetd.  rune-session(8). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "clock.h"
#include "afile.h"
#include "deadline.h"
#include "die.h"
#include "key.h"
#include "life.h"
#include "nodump.h"
#include "proto.h"
#include "serverkey.h"
#include "session.h"
#include "slog.h"
#include "tls.h"

static struct session sess;	/* one per process */

/* the server key, its halves checked (lib/serverkey.c) */
static void
load_server_key(struct session *s)
{
	int code = serverkey_load(s->server_sk, s->server_pk, s->conf.root);

	if (code != 0)
		die(code, "unable to load the server key");
	key_fmt(s->server_pk_text, s->server_pk);
}

int
main(int argc, char **argv)
{
	struct session *s = &sess;
	struct tls *t;
	char cert[1200], key[1200], bin[1200], greet[CONF_WELCOME_MAX + 16];
	unsigned char id[8];
	char const *v;
	int err, n;

	(void)argc;
	die_init(argv[0] ? argv[0] : "rune-session");
	nodump();
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		die_sys(RUNE_EXIT_TEMP, "unable to ignore SIGPIPE");
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "libsodium failed to start");
	if (clock_gettime(CLOCK_MONOTONIC, &s->start) < 0)
		die_sys(RUNE_EXIT_TEMP, "no clock");
	/* as root, every helper it starts refuses to run (lib/noroot.c):
	 * say so once, here, instead of a 451 to a client later */
	v = getenv("RUNE_ALLOW_ROOT");
	if ((getuid() == 0 || geteuid() == 0) && !(v && !strcmp(v, "1")))
		die(RUNE_EXIT_PERM, "refusing to run as root: run it as the "
		    "session user (envuidgid runed ... tcpserver -U, or User= "
		    "in systemd; doc/privsep.md)");
	v = getenv("RUNE_VERBOSE");
	s->verbose = v && *v >= '0' && *v <= '2' && !v[1] ? *v - '0' : 1;
	randombytes_buf(id, sizeof id);
	sodium_bin2hex(s->sid, sizeof s->sid, id, sizeof id);

	conf_load(&s->conf);
#ifdef RUNE_NO_IDSEND
	/* built without the identified send (make NOIDSEND=1): NOIDSEND
	 * whatever control/noidsend says (listed when ANONSEND is on) */
	s->conf.noidsend = 1;
#endif
	load_server_key(s);
	conf_path(cert, sizeof cert, &s->conf, "tls/cert.pem");
	conf_path(key, sizeof key, &s->conf, "tls/key.pem");
	conf_path(bin, sizeof bin, &s->conf, "tls/tls.bin");
	if (!tls_init(&t, cert, key, bin))
		die(RUNE_EXIT_TEMP, "unable to set up TLS");

	if (s->verbose >= 1)
		slog(s, "event=connect");
	if (!tls_handshake(t, clock_ms() + 1000LL * s->conf.handshake,
	    &err)) {
		slog(s, "event=end reason=%s tls_error=%d ms=%ld",
		    err < 0 ? "handshake-timeout" : "handshake-failed", err,
		    session_ms(s));
		session_wipe(s);
		return 0;
	}
	tls_sio(t, &s->io);
	/* a reply larger than the socket's buffers leaves while the
	 * client keeps reading it (RETRIEVE of a large message) */
	tls_write_idle(t, 1000LL * s->conf.idle, deadline_lifetime_end(s));
	line_init(&s->in, s->io.read, s->io.ctx, RUNE_LINE_MAX);
	n = snprintf(greet, sizeof greet, "HOWDY %s\r\n", s->conf.welcome);
	if (n < 0 || (size_t)n >= sizeof greet ||
	    !s->io.write(s->io.ctx, greet, n))
		session_fail(s, 0, "write-failed");

	proto_run(s);

	if (s->quit)
		tls_close(t);
	else
		s->io.flush(s->io.ctx);
	session_end(s);
	return 0;
}
