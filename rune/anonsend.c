/* anonsend.c: one anonymous send, as anonsend.h says. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "anonsend.h"
#include "b64.h"
#include "clock.h"
#include "die.h"
#include "msg2.h"
#include "outboxpay.h"
#include "padme.h"
#include "pin.h"
#include "send.h"
#include "sentcopy.h"
#include "show.h"
#include "token.h"
#include "tokens.h"
#include "v2.h"

/* the pinned ANONSEND line into ac: 1, 0 none pinned */
static int
pinned(struct home const *h, struct anoncaps *ac)
{
	char line[256];

	memset(ac, 0, sizeof *ac);
	if (!home_read_line(h, "tokens/anonsend", line, sizeof line))
		return 0;
	return tokens_caps_line(ac, line, strlen(line)) && ac->batch > 0;
}

int
anon_ready(struct cli *c, char why[OUTBOX_WHY_MAX])
{
	unsigned char sk[RUNE_SK_LEN], scert[RUNE2_SCERT_LEN];
	uint64_t now = clock_now();
	struct anoncaps ac;
	struct addr me;
	int ok;

	if (!pinned(&c->home, &ac)) {
		snprintf(why, OUTBOX_WHY_MAX, "the server's ANONSEND line is "
		    "not pinned (log in once: rune fetch)");
		return 0;
	}
	if (tokens_count(&c->home, &ac, now) == 0) {
		snprintf(why, OUTBOX_WHY_MAX, "no token held for anonymous "
		    "sending (tokens come on a schedule with a login, e.g. "
		    "rune fetch; the next rune send, fetch or outbox --send "
		    "then sends it)");
		return 0;
	}
	cli_identity(c, &me, sk);
	ok = v2_scert_cached(&c->home, cli_server(c), &me, sk, scert);
	sodium_memzero(sk, sizeof sk);
	if (!ok) {
		snprintf(why, OUTBOX_WHY_MAX, "no valid sender certificate "
		    "held (it comes with a login, e.g. rune fetch; an "
		    "anonymous send never logs in to get one)");
		return 0;
	}
	return 1;
}

/* CAPABILITIES on the anonymous connection (v2_caps: the PREKEYS pin,
 * the ANONSEND line parsed): ANONSEND against its pin (C3: a pinned line
 * gone or changed exits loudly in tokens_anonsend_pin) */
static void
caps(struct conn *cn, struct v2caps *cp)
{
	v2_caps(cn, cp);
	if (tokens_anonsend_pin(cn->home, &cp->anon) == TOKENS_PIN_NONE)
		die(RUNE_EXIT_PERM, "%s does not offer anonymous sending "
		    "(no ANONSEND line): nothing sent", cn->hp.name);
	if (cp->prekeys == 0)
		die(RUNE_EXIT_PERM, "%s offers ANONSEND without PREKEYS: "
		    "nothing sent", cn->hp.name);
}

/* REDEEM to epoch b64(t || mac): 250 permit to, else it exits saying
 * why */
static void
redeem(struct conn *cn, struct addr const *me, struct addr const *to,
    struct token_held const *tk)
{
	unsigned char tm[RUNE2_TOKEN_T_LEN + RUNE2_TOKEN_MAC_LEN];
	char b[B64_LEN(sizeof tm)], line[RUNE_LINE_MAX];
	struct tok v[3];

	memcpy(tm, tk->t, RUNE2_TOKEN_T_LEN);
	if (!token_mac(tm + RUNE2_TOKEN_T_LEN, tk->y, me->s + me->at + 1, to,
	    tk->epoch, tk->t))
		die(RUNE_EXIT_PERM, "redeem: unable to make the token's mac "
		    "for %s", to->s);
	b64_encode(b, tm, sizeof tm);
	snprintf(line, sizeof line, "REDEEM %s %llu %s", to->s,
	    (unsigned long long)tk->epoch, b);
	conn_send(cn, line);
	sodium_memzero(tm, sizeof tm);
	sodium_memzero(b, sizeof b);
	sodium_memzero(line, sizeof line);
	if (conn_reply(cn) != 250) {
		switch (cn->rep.code) {
		case 417:
			warn("redeem: %s refused the token (417): invalid, "
			    "spent already, or of an epoch it no longer takes; "
			    "the token is used up", cn->hp.name);
			break;
		case 418:
			warn("redeem: %s says %s has no current RUNE-2 keys "
			    "(418): its owner has not logged in for a while",
			    cn->hp.name, to->s);
			break;
		case 420:
			warn("redeem: %s says a limit is reached (420): too "
			    "many anonymous messages to %s, or in this session",
			    cn->hp.name, to->s);
			break;
		default:
			break;
		}
		conn_fail(cn, "redeem");
	}
	if (conn_args(cn, v, 3) != 2 || !tok_is(&v[0], "permit"))
		die(RUNE_EXIT_TEMP, "redeem: malformed 250 from %s",
		    cn->hp.name);
}

void
anon_send(struct cli *c, struct outbox const *e)
{
	struct home const *h = &c->home;
	unsigned char sk[RUNE_SK_LEN], scert[RUNE2_SCERT_LEN];
	unsigned char spk[RUNE_PK_LEN], pkT[VOPRF_ELEM], tkh[RUNE2_TKH_LEN];
	char ids[1][RUNE_ID_HEX_LEN + 1];
	uint64_t now = clock_now(), need;
	struct anoncaps acp;
	struct v2caps cp;
	struct token_held tk;
	struct v2bundle bv;
	struct conn cn;
	struct addr me;

	/* everything held is checked before a connection opens (C1) */
	cli_identity(c, &me, sk);
	if (!pinned(h, &acp))
		die(RUNE_EXIT_TEMP, "the server's ANONSEND line is not pinned: "
		    "nothing sent");
	if (!v2_scert_cached(h, cli_server(c), &me, sk, scert))
		die(RUNE_EXIT_TEMP, "no valid sender certificate held: "
		    "nothing sent");
	need = padme_blob2_size(e->n);
	if (need == 0 || need > SIZE_MAX)
		die(RUNE_EXIT_PERM, "message too large: nothing sent");
	/* a new TCP and TLS connection, no session offered for resumption
	 * (tls.c), and never LOGIN, PROOF, REGISTER or
	 * REGISTER_INVITATION on it */
	conn_open(&cn, h, cli_server(c), c->timeout);
	caps(&cn, &cp);
	if (cp.maxsize > 0 && need > cp.maxsize)
		die(RUNE_EXIT_PERM, "message too large: its sealed blob is "
		    "%llu octets and %s takes at most %llu; nothing sent",
		    (unsigned long long)need, cn.hp.name,
		    (unsigned long long)cp.maxsize);
	if (!pin_server_key_get(h, &cn.hp, spk))
		die(RUNE_EXIT_PERM, "the server key of %s is not pinned (log "
		    "in once): nothing sent", cn.hp.name);
	/* the token last, after what can stop the send without it (C3,
	 * MAXSIZE): a stop before here costs none */
	if (!tokens_take(h, &acp, now, &tk))
		die(RUNE_EXIT_TEMP, "no token held for anonymous sending: "
		    "nothing sent");
	/* the token key of the epoch against the pin, on this anonymous
	 * connection, before the redemption (2.3) */
	if (!tokens_key(&cn, &cp.anon, tk.epoch, spk, pkT))
		die(RUNE_EXIT_PERM, "tokenkey: %s does not know the token "
		    "epoch %llu (417): the token is of no use; nothing sent",
		    cn.hp.name, (unsigned long long)tk.epoch);
	redeem(&cn, &me, &e->to, &tk);
	sodium_memzero(&tk.y, sizeof tk.y);
	/* the bundle of this session (A7) */
	if (!v2_prekey(&cn, &e->to, &bv))
		die(RUNE_EXIT_PERM, "prekey: %s has no current RUNE-2 keys on "
		    "%s (418): nothing sent", e->to.s, cn.hp.name);
	if (!msg2_tkh(tkh, me.s + me.at + 1, tk.epoch, pkT))
		die(RUNE_EXIT_PERM, "unable to make tkh");
	{
		/* a fresh blob2 for this attempt (A7), mode 0x01 (C4), made
		 * as it is sent (lib/msg2stream.c) */
		struct msg2_from f = { &me, sk, scert, RUNE2_MODE_ANONYMOUS,
		    tkh };
		struct msg2_to t = { &e->to, bv.rpk, bv.spk, bv.opk };
		struct msg2src src = { e->n, outbox_payload_read,
		    (void *)e };
		struct msg2stream ms;

		if (!msg2stream_begin(&ms, &src, need, &f, &t, NULL))
			die_sys(errno == EMSGSIZE ? RUNE_EXIT_PERM :
			    RUNE_EXIT_TEMP, "unable to seal the message to %s",
			    e->to.s);
		sodium_memzero(sk, sizeof sk);
		v2_send(&cn, &e->to, &ms, &src, ids[0]);
	}
	conn_quit(&cn);
	show_printf("%s\n", ids[0]);
	show_flush();
	if (!bv.onetime)
		warn("to %s: forward secrecy delayed (last-resort key): %s has "
		    "no one-time keys left on the server", e->to.s, e->to.s);
	sodium_memzero(&bv, sizeof bv);
	if (e->sent[0] != '\0') {
		sentcopy_deliver(e->sent, e->fd, e->off, e->n, &e->to, 1,
		    (char const (*)[RUNE_ID_HEX_LEN + 1])ids);
	}
	exit(RUNE_EXIT_OK);
}
