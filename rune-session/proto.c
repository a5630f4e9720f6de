/* proto.c: the session's input path: bounded lines, the dispatch table
 * of verbs and states (spec sections 3, 5, 13.16-13.19). */
#include <errno.h>
#include <string.h>

#include "keytab.h"
#include "prekeys.h"
#include "proto.h"
#include "session.h"
#include "tls.h"

#define S_NEW	(1u << ST_NEW)
#define S_AUTH	(1u << ST_AUTH)
#define S_CHAL	(1u << ST_CHALLENGE)
#define S_LOGIN	(1u << ST_LOGIN)

struct verb {
	char const *name;
	cmd_fn fn;
	int argc;		/* tokens with the verb */
	unsigned states;	/* where it runs */
	int in_auth;		/* reply in ST_AUTH when not allowed there */
	int ext;		/* EXT_PREKEYS: only while the extension is on */
};

#define EXT_PREKEYS	1	/* control/prekeys is not 0 */

static struct verb const verbs[] = {
	{ "CAPABILITIES", cmd_capabilities, 1, S_NEW | S_AUTH, 0, 0 },
	{ "NOOP", cmd_noop, 1, S_NEW | S_AUTH, 0, 0 },
	{ "QUIT", cmd_quit, 1, S_NEW | S_AUTH | S_CHAL | S_LOGIN, 0, 0 },
	{ "REGISTER", cmd_register, 3, S_NEW, 400, 0 },
	{ "REGISTER_INVITATION", cmd_register_invitation, 4, S_NEW, 400, 0 },
	{ "CHALLANGE_ACCEPTED", cmd_challenge_accepted, 2, S_CHAL, 400, 0 },
	{ "CHALLENGE_ACCEPTED", cmd_challenge_accepted, 2, S_CHAL, 400, 0 },
	{ "LOGIN", cmd_login, 2, S_NEW, 400, 0 },
	{ "PROOF", cmd_proof, 2, S_LOGIN, 412, 0 },
	{ "KEY", cmd_key, 2, S_AUTH, 0, 0 },
	{ "SEND", cmd_send, 3, S_AUTH, 0, 0 },
	{ "LIST", cmd_list, 1, S_AUTH, 0, 0 },
	{ "RETRIEVE", cmd_retrieve, 2, S_AUTH, 0, 0 },
	{ "DELETE", cmd_delete, 2, S_AUTH, 0, 0 },
	{ "UNREGISTER", cmd_unregister, 1, S_AUTH, 0, 0 },
	/* protocol v2's PREKEYS (doc/protocol-v2.md 1.4, 3.2); with the
	 * extension off they are unknown (401), SEND with 2 is a wrong
	 * number of arguments (400), as a v1 server answers */
	{ "PREKEYS", cmd_prekeys, 2, S_AUTH, 0, EXT_PREKEYS },
	{ "PREKEY", cmd_prekey, 2, S_AUTH, 0, EXT_PREKEYS },
	{ "SENDERCERT", cmd_sendercert, 1, S_AUTH, 0, EXT_PREKEYS },
	{ "SEND", cmd_send, 4, S_AUTH, 0, EXT_PREKEYS },
};

/* the verb of t among those enabled; of two with its name (SEND), the
 * one taking n tokens */
static struct verb const *
verb_find(struct session const *s, struct tok const *t, int n)
{
	struct verb const *first = NULL;
	size_t i;

	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
		if ((verbs[i].ext & EXT_PREKEYS) && s->conf.prekeys == 0)
			continue;
		if (!tok_is(t, verbs[i].name))
			continue;
		if (verbs[i].argc == n)
			return &verbs[i];
		if (first == NULL)
			first = &verbs[i];
	}
	return first;
}

/* an address disabled or unregistered meanwhile (by rune-admin, or by
 * another session's UNREGISTER) loses its open sessions too: 1 go on,
 * 0 replied (421, closing) */
static int
still_active(struct session *s)
{
	struct keyrec r;
	int found = keytab_lookup(s->conf.root, &s->me, &r);

	if (found == 1 && r.state == KEYTAB_ACTIVE)
		return 1;
	if (found < 0) {
		reply(s, 451, "temporary failure");
		return 0;
	}
	s->endreason = "inactive";
	reply(s, 421, "closing: address no longer active");
	return 0;
}

/* one command line, len octets (may hold NULs) */
static void
dispatch(struct session *s, char const *line, size_t len)
{
	struct tok v[RUNE_ARGS_MAX + 1];
	struct verb const *vb = NULL;
	int n = -1;

	if (tok_printable(line, len))
		n = tok_split(v, RUNE_ARGS_MAX, line, len);
	if (n > 0)
		vb = verb_find(s, &v[0], n);

	/* a pending challenge or login admits only its answer and QUIT */
	if (s->state == ST_CHALLENGE && !(vb && (vb->states & S_CHAL))) {
		reply(s, 410, "registration challenge failed");
		return;
	}
	if (s->state == ST_LOGIN && !(vb && (vb->states & S_LOGIN))) {
		reply(s, 412, "authentication failed");
		return;
	}
	if (n < 0 || !tok_printable(line, len)) {
		reply(s, 400, "syntax error");
		return;
	}
	if (n == 0) {
		reply(s, 400, "syntax error: empty line");
		return;
	}
	if (!vb) {
		reply(s, 401, "unknown command");
		return;
	}
	if (!(vb->states & (1u << s->state))) {
		if (s->state == ST_AUTH && vb->in_auth == 412)
			reply(s, 412, "authentication failed");
		else if (s->state == ST_AUTH && vb->in_auth == 400)
			reply(s, 400, vb->fn == cmd_challenge_accepted ?
			    "no challenge pending" : "already authenticated");
		else
			reply(s, 411, "authentication required");
		return;
	}
	if (n != vb->argc && s->state == ST_CHALLENGE) {
		reply(s, 410, "registration challenge failed");
		return;
	}
	if (n != vb->argc && s->state == ST_LOGIN) {
		reply(s, 412, "authentication failed");
		return;
	}
	if (n != vb->argc) {
		reply(s, 400, "syntax error: wrong number of arguments");
		return;
	}
	if (vb->states == S_AUTH && !still_active(s))
		return;
	vb->fn(s, n, v);
}

void
proto_deadline(struct session *s)
{
	s->io.deadline(s->io.ctx, tls_now_ms() + 1000LL * s->conf.idle);
}

/* when the session's lifetime (control/sessionmax) ends, in the
 * milliseconds of tls_now_ms */
static long long
lifetime_end(struct session const *s)
{
	return (long long)s->start.tv_sec * 1000 +
	    s->start.tv_nsec / 1000000 + 1000LL * s->conf.sessionmax;
}

void
proto_read_deadline(struct session *s)
{
	long long idle = tls_now_ms() + 1000LL * s->conf.idle;
	long long end = lifetime_end(s);

	s->io.deadline(s->io.ctx, idle < end ? idle : end);
}

void
proto_timeout(struct session *s)
{
	int life = tls_now_ms() >= lifetime_end(s);

	proto_deadline(s);		/* time to send it */
	reply(s, 421, life ? "closing: session time limit" :
	    "closing: idle timeout");
	s->endreason = life ? "lifetime" : "timeout";
	s->closing = 1;
}

void
proto_run(struct session *s)
{
	char *line;
	size_t len;

	for (;;) {
		enum line_result r;

		/* a client that keeps sending (NOOPs, say) meets the
		 * lifetime here, as one that waits meets it in line_get */
		if (tls_now_ms() >= lifetime_end(s)) {
			proto_timeout(s);
			return;
		}
		proto_read_deadline(s);
		r = line_get(&s->in, &line, &len);
		if (r == LINE_LONG) {
			s->commands++;
			reply(s, 414, "line too long");
			s->endreason = "long-line";
			return;
		}
		if (r == LINE_EOF) {
			s->endreason = "eof";
			return;
		}
		if (r == LINE_ERR) {
			if (errno == ETIMEDOUT)
				proto_timeout(s);
			else
				s->endreason = "read-error";
			return;
		}
		s->commands++;
		proto_deadline(s);	/* the answer gets its own time */
		dispatch(s, line, len);
		if (s->closing) {
			if (!s->endreason)
				s->endreason = s->quit ? "quit" : "refused";
			return;
		}
		if (s->refused >= s->conf.refusals) {
			reply(s, 421, "closing: too many refused commands");
			s->endreason = "refusals";
			return;
		}
	}
}
