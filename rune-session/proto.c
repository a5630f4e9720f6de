/* proto.c: the session's input path: bounded lines, the dispatch table
 * of verbs and states (spec sections 3, 5, 13.16-13.19). */
#include <errno.h>
#include <string.h>

#include "cmd.h"
#include "deadline.h"
#include "keysc.h"
#include "lookup.h"
#include "proto.h"
#include "replies.h"
#include "session.h"

#define S_NEW	(1u << ST_NEW)
#define S_AUTH	(1u << ST_AUTH)
#define S_CHAL	(1u << ST_CHALLENGE)
#define S_LOGIN	(1u << ST_LOGIN)
#define S_ANON	(1u << ST_ANON)

struct refusal {
	int code;
	char const *text;
};

/* the wrong-state replies of the verb table */
#define RUNS		{ 0, NULL }	/* never used: it runs there */
#define NEED_AUTH	{ 411, "authentication required" }
#define AUTHED		{ 400, "already authenticated" }

struct verb {
	char const *name;
	cmd_fn fn;
	int argc;		/* tokens with the verb */
	unsigned states;	/* where it runs */
	/* the reply where it does not run: before authentication (ST_NEW),
	 * after it (ST_AUTH); a pending challenge or login has its own */
	struct refusal in_new, in_auth;
	int ext;		/* EXT_*: only while the extension is on */
};

#define EXT_PREKEYS	1	/* control/prekeys is not 0 */
#define EXT_ANON	2	/* control/anonsend is on */

static struct verb const verbs[] = {
	{ "CAPABILITIES", cmd_capabilities, 1, S_NEW | S_AUTH | S_ANON, RUNS,
	    RUNS, 0 },
	{ "NOOP", cmd_noop, 1, S_NEW | S_AUTH | S_ANON, RUNS, RUNS, 0 },
	{ "QUIT", cmd_quit, 1, S_NEW | S_AUTH | S_CHAL | S_LOGIN | S_ANON, RUNS,
	    RUNS, 0 },
	{ "REGISTER", cmd_register, 3, S_NEW, RUNS, AUTHED, 0 },
	{ "REGISTER_INVITATION", cmd_register_invitation, 4, S_NEW, RUNS,
	    AUTHED, 0 },
	{ "CHALLANGE_ACCEPTED", cmd_challenge_accepted, 2, S_CHAL, NEED_AUTH,
	    { 400, "no challenge pending" }, 0 },
	{ "CHALLENGE_ACCEPTED", cmd_challenge_accepted, 2, S_CHAL, NEED_AUTH,
	    { 400, "no challenge pending" }, 0 },
	{ "LOGIN", cmd_login, 2, S_NEW, RUNS, AUTHED, 0 },
	{ "PROOF", cmd_proof, 2, S_LOGIN, NEED_AUTH,
	    { 412, "authentication failed" }, 0 },
	{ "KEY", cmd_key, 2, S_AUTH, NEED_AUTH, RUNS, 0 },
	/* in the anonymous state SEND goes to cmd_anon_send (a permit) */
	{ "SEND", cmd_send, 3, S_AUTH | S_ANON, NEED_AUTH, RUNS, 0 },
	{ "LIST", cmd_list, 1, S_AUTH, NEED_AUTH, RUNS, 0 },
	{ "RETRIEVE", cmd_retrieve, 2, S_AUTH, NEED_AUTH, RUNS, 0 },
	{ "DELETE", cmd_delete, 2, S_AUTH, NEED_AUTH, RUNS, 0 },
	{ "UNREGISTER", cmd_unregister, 1, S_AUTH, NEED_AUTH, RUNS, 0 },
	/* protocol v2's PREKEYS (doc/protocol-v2.md 1.4, 3.2); with the
	 * extension off they are unknown (401), SEND with 2 is a wrong
	 * number of arguments (400), as a v1 server answers */
	{ "PREKEYS", cmd_prekeys, 2, S_AUTH, NEED_AUTH, RUNS, EXT_PREKEYS },
	{ "PREKEY", cmd_prekey, 2, S_AUTH | S_ANON, NEED_AUTH, RUNS,
	    EXT_PREKEYS },
	{ "SENDERCERT", cmd_sendercert, 1, S_AUTH, NEED_AUTH, RUNS,
	    EXT_PREKEYS },
	{ "SEND", cmd_send, 4, S_AUTH | S_ANON, NEED_AUTH, RUNS, EXT_PREKEYS },
	/* ANONSEND's (2.3-2.5, cmd_token.c); TOKENKEY takes 1 or 2 */
	{ "TOKENKEY", cmd_tokenkey, 1, S_NEW | S_AUTH | S_ANON, RUNS, RUNS,
	    EXT_ANON },
	{ "TOKENKEY", cmd_tokenkey, 2, S_NEW | S_AUTH | S_ANON, RUNS, RUNS,
	    EXT_ANON },
	{ "TOKENS", cmd_tokens, 3, S_AUTH, NEED_AUTH, RUNS, EXT_ANON },
	{ "REDEEM", cmd_redeem, 4, S_NEW | S_ANON, RUNS, AUTHED, EXT_ANON },
};

/* a pending challenge or login admits only its answer (with the right
 * number of arguments) and QUIT; anything else gets this, and closes */
static struct refusal const pending[] = {
	[ST_CHALLENGE] = { 410, "registration challenge failed" },
	[ST_LOGIN] = { 412, "authentication failed" },
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
		if ((verbs[i].ext & EXT_ANON) && s->conf.anon_batch == 0)
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

static int
is_pending(enum state st)
{
	return st == ST_CHALLENGE || st == ST_LOGIN;
}

/* an address disabled or unregistered meanwhile (by rune-admin, or by
 * another session's UNREGISTER) loses its open sessions too: 1 go on,
 * 0 replied (421, closing) */
static int
still_active(struct session *s)
{
	struct keyrec r;
	enum found f = lookup_find(s, &s->me, &r);

	if (f == FOUND_ACTIVE)
		return 1;
	if (f == FOUND_ERROR) {
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
	struct refusal const *no;
	int n = -1;

	if (tok_printable(line, len))
		n = tok_split(v, RUNE_ARGS_MAX, line, len);
	if (n > 0)
		vb = verb_find(s, &v[0], n);

	if (is_pending(s->state) && !(vb && (vb->states & (1u << s->state)))) {
		reply(s, pending[s->state].code, pending[s->state].text);
		return;
	}
	if (n < 0) {
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
		no = s->state == ST_AUTH ? &vb->in_auth : &vb->in_new;
		/* anonymous (v2 1.4): what a login would end is refused as
		 * such; what needs one, as before authentication */
		if (s->state == ST_ANON && vb->in_auth.code == 400 &&
		    !strcmp(vb->in_auth.text, "already authenticated")) {
			reply(s, 400, "anonymous session");
			return;
		}
		reply(s, no->code, no->text);
		return;
	}
	if (n != vb->argc) {
		if (is_pending(s->state))
			reply(s, pending[s->state].code,
			    pending[s->state].text);
		else
			reply(s, 400, "syntax error: wrong number of arguments");
		return;
	}
	/* what needs a login (whatever the anonymous state may also do) */
	if (s->state == ST_AUTH && !(vb->states & S_NEW) && !still_active(s))
		return;
	vb->fn(s, n, v);
}

/* the client's next line; the rune-keys connection, when there is one,
 * goes if the client is slower than keysc.c keeps it for */
static enum line_result
next_line(struct session *s, char **line, size_t *len)
{
	long long hold = keys_hold_until(s);
	enum line_result r;

	if (hold == 0) {
		deadline_read(s);
		return line_get(&s->in, line, len);
	}
	deadline_read_until(s, hold);
	r = line_get(&s->in, line, len);
	if (r != LINE_ERR || errno != ETIMEDOUT)
		return r;
	keys_stop(s);		/* a worker of rune-keys daemon is free */
	deadline_read(s);
	return line_get(&s->in, line, len);
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
		if (deadline_lifetime_over(s)) {
			deadline_timeout(s);
			return;
		}
		r = next_line(s, &line, &len);
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
				deadline_timeout(s);
			else
				s->endreason = "read-error";
			return;
		}
		s->commands++;
		deadline_idle(s);	/* the answer gets its own time */
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
