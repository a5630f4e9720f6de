/* send.c: one message out, as send.h says. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "die.h"
#include "maildir.h"
#include "msgstream.h"
#include "padme.h"
#include "pin.h"
#include "remote.h"
#include "send.h"
#include "msg2.h"
#include "msg2stream.h"
#include "payload.h"
#include "paytmp.h"
#include "outbox.h"
#include "sentcopy.h"
#include "anonmode.h"
#include "show.h"
#include "v1send.h"
#include "v2.h"
#include "tokens.h"

/* the largest payload whose blob fits max octets */
static uint64_t
budget(uint64_t max)
{
	uint64_t lo = 0, hi = max, mid, b;

	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		b = padme_blob_size(mid);
		if (b != 0 && b <= max)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

void
send_payload_src(struct cli *c, struct msg2src const *src,
    struct addr const *to, size_t nto,
    char (*ids)[RUNE_ID_HEX_LEN + 1], struct send_codes const *sc)
{
	unsigned char sk[RUNE_SK_LEN], (*pk)[RUNE_PK_LEN];
	size_t n = (size_t)src->n;
	unsigned char scert[RUNE2_SCERT_LEN], tkh[RUNE2_TKH_LEN];
	struct v2bundle *bv;
	struct v2caps cp;
	struct conn cn;
	struct addr me;
	uint64_t need, need2, max;
	size_t k, nv2 = 0;
	char const *v1opt = sc->v1opt != NULL ? sc->v1opt : "--v1";
	char *v2;

	cli_identity(c, &me, sk);
	need = padme_blob_size(n);
	conn_open(&cn, &c->home, cli_server(c), c->timeout);
	v2_caps(&cn, &cp);
	max = cp.maxsize;
	if (cp.prekeys > 0) {
		need2 = padme_blob2_size(n);
		need = need == 0 || need2 == 0 ? 0 : need2 > need ? need2 :
		    need;
	}
	if (need == 0 || need > SIZE_MAX || (max > 0 && need > max)) {
		conn_quit(&cn);
		die(sc->toobig, "message too large: %zu octets (text, "
		    "attachments in base64, headers) make a sealed blob of "
		    "%llu, and %s takes at most %llu, which leaves %llu octets "
		    "for the message: about %llu octets of attachments; "
		    "nothing sent", n, (unsigned long long)need, cn.hp.name,
		    (unsigned long long)max, (unsigned long long)budget(max),
		    (unsigned long long)(budget(max) / 4 * 3));
	}
	/* the mode was chosen from the pin (C1); a server that offers
	 * ANONSEND, which this client has not pinned yet, gets no identified
	 * send that the user did not ask for: the line is pinned now, and
	 * the message is not sent */
	if (cp.anon.batch > 0 && !sc->identified &&
	    tokens_anonsend_pin(&c->home, &cp.anon) == TOKENS_PIN_NEW) {
		conn_quit(&cn);
		die(sc->unpinned != 0 ? sc->unpinned : RUNE_EXIT_PERM,
		    "%s offers anonymous sending, which this client had not "
		    "seen before (now pinned): nothing sent. Log in once "
		    "(rune fetch) for tokens, then send again: it goes "
		    "anonymously; or add %s to send this one with your login",
		    cn.hp.name, sc->v1opt != NULL ? "-O identified" :
		    "--identified");
	}
	cli_login(&cn, &me, sk);
	if ((pk = calloc(nto, sizeof *pk)) == NULL ||
	    (bv = calloc(nto, sizeof *bv)) == NULL ||
	    (v2 = calloc(nto, 1)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	/* every receiver's keys before anything is sent */
	for (k = 0; k < nto; k++) {
		if (cp.prekeys > 0) {
			if (v2_prekey(&cn, &to[k], &bv[k])) {
				v2[k] = 1;
				nv2++;
				continue;
			}
			if (!sc->v1) {
				conn_quit(&cn);
				die(sc->nouser, "send: %s has no current RUNE-2 "
				    "(forward secret) keys on %s (418 no RUNE-2 "
				    "keys): its owner has not logged in for a "
				    "while, or uses a client without them; "
				    "nothing sent. To send this one message "
				    "without forward secrecy, add %s",
				    to[k].s, cn.hp.name, v1opt);
			}
		}
		if (!remote_key(&cn, &to[k], pk[k])) {
			conn_quit(&cn);
			die(sc->nouser, "send: %s has no key on %s (no such "
			    "address, or disabled); nothing sent", to[k].s,
			    cn.hp.name);
		}
		pin_addr_key(&c->home, &to[k], pk[k]);
	}
	if (nv2 > 0)
		v2_scert(&cn, &me, sk, scert);
	memset(tkh, 0, sizeof tkh);
	for (k = 0; k < nto; k++) {
		if (v2[k]) {
			struct msg2_from f = { &me, sk, scert,
			    RUNE2_MODE_IDENTIFIED, tkh };
			struct msg2_to t = { &to[k], bv[k].rpk, bv[k].spk,
			    bv[k].opk };

			struct msg2stream ms;

			/* a fresh e for every message and receiver; the
			 * blob2 made as it is sent (lib/msg2stream.c) */
			if (!msg2stream_begin(&ms, src, need, &f, &t, NULL))
				die_sys(errno == EMSGSIZE ? sc->toobig :
				    RUNE_EXIT_TEMP, "unable to seal the "
				    "message to %s", to[k].s);
			v2_send(&cn, &to[k], &ms, src, ids[k]);
			if (!bv[k].onetime)
				warn("to %s: forward secrecy delayed "
				    "(last-resort key): %s has no one-time "
				    "keys left on the server", to[k].s,
				    to[k].s);
			continue;
		}
		/* v1 (a server without PREKEYS, or --v1 to a receiver
		 * without RUNE-2 keys): the blob made as it is sent
		 * (lib/msgstream.c, four reads of src), as the blob2 */
		{
			struct msgstream ms;

			if (!msgstream_begin(&ms, src, need, &me, sk, &to[k],
			    pk[k], NULL))
				die_sys(errno == EMSGSIZE ? sc->toobig :
				    RUNE_EXIT_TEMP, "unable to seal the "
				    "message");
			v1_send(&cn, &to[k], &ms, src, ids[k]);
		}
		if (cp.prekeys > 0)
			warn("to %s: not forward secret (v1): sent at your "
			    "request (%s); whoever gets %s's long-term key "
			    "later can open it", to[k].s, v1opt, to[k].s);
	}
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(bv, nto * sizeof *bv);
	free(pk);
	free(bv);
	free(v2);
	conn_quit(&cn);
}

int
send_anon_tmp(struct cli *c, struct paytmp const *pt, struct addr const *to,
    size_t nto, char const *sent, int now, int wait)
{
	uint64_t t = (uint64_t)time(NULL), max = anonmode_delay_max(&c->home);
	uint64_t nb;
	struct outbox e;
	size_t k;
	int rc;

	if (now || max == 0)
		info("sent at once, without the random delay (%s): the server "
		    "can link an anonymous message spent seconds after a login "
		    "or a token fetch from the same IP address to it; a proxy "
		    "or Tor hides the address (doc/client.md)", now ? "--now" :
		    "config/anondelay 0");
	for (k = 0; k < nto; k++) {
		/* 1..max: a message not sent --now is never sent by the
		 * command that queued it */
		nb = t + (now || max == 0 ? 0 : 1 +
		    randombytes_uniform((uint32_t)max));
		outbox_add(&c->home, &e, &to[k], pt, nb, sent);
		if (nb > t)
			info("message %s to %s queued for an anonymous send "
			    "in %llu s (the random delay; rune outbox --send "
			    "--wait waits for it, --now skips it)", e.id,
			    to[k].s, (unsigned long long)(nb - t));
		outbox_free(&e);
	}
	/* the due ones (this one with now): with neither now nor wait, a
	 * failure of an older entry is said on stderr but is not this
	 * command's failure */
	rc = outbox_run(c, wait);
	return now || wait ? rc : RUNE_EXIT_OK;
}

void
send_identified_warning(struct addr const *me, struct addr const *to,
    size_t nto)
{
	size_t k;

	for (k = 0; k < nto; k++)
		warn("identified send to %s (--identified): the server learns "
		    "that %s wrote to %s, when, and the size; it is not "
		    "hidden from the server, as every v1 message is not",
		    to[k].s, me->s, to[k].s);
}

int
send_message(struct cli *c, struct send_req const *q)
{
	struct send_codes sc = { RUNE_EXIT_PERM, RUNE_EXIT_PERM, 0, NULL, 0,
	    0 };
	char (*ids)[RUNE_ID_HEX_LEN + 1];
	unsigned char sk[RUNE_SK_LEN];
	struct paytmp t;
	struct addr me;
	size_t k;

	cli_identity(c, &me, sk);
	sodium_memzero(sk, sizeof sk);
	if (q->sent != NULL)
		maildir_init(q->sent);	/* a bad one is said before sending */
	payload_build(c, q, &me, &t);
	if (t.n > SIZE_MAX - 1)
		die(RUNE_EXIT_PERM, "message too large: nothing sent");
	/* the mode, before any connection (C1) */
	if (!q->identified && anonmode_offered(&c->home)) {
		/* copied into the outbox entries from the file */
		int rc = send_anon_tmp(c, &t, q->to, q->nto, q->sent,
		    q->now, q->wait);

		paytmp_close(&t);
		return rc;
	}
	if (q->identified && anonmode_offered(&c->home))
		send_identified_warning(&me, q->to, q->nto);
	if ((ids = calloc(q->nto, sizeof *ids)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	sc.v1 = q->v1;
	sc.identified = q->identified;
	{
		struct msg2src src = { t.n, paytmp_read, &t };

		send_payload_src(c, &src, q->to, q->nto, ids, &sc);
	}
	for (k = 0; k < q->nto; k++) {
		if (q->nto == 1)
			show_printf("%s\n", ids[k]);
		else
			show_printf("%s %s\n", ids[k], q->to[k].s);
	}
	show_flush();
	if (q->sent != NULL)
		sentcopy_deliver(q->sent, t.fd, 0, t.n, q->to, q->nto,
		    (char const (*)[RUNE_ID_HEX_LEN + 1])ids);
	paytmp_close(&t);
	free(ids);
	return RUNE_EXIT_OK;
}
