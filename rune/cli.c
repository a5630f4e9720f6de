/* cli.c: the steps several commands share: which server, which
 * identity, and logging in (section 8). */
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "clock.h"
#include "cli.h"
#include "anonmode.h"
#include "die.h"
#include "key.h"
#include "pin.h"
#include "proof.h"
#include "v2.h"

struct hostport const *
cli_server(struct cli *c)
{
	char text[HOSTPORT_HOST_MAX + 16];

	if (c->have_hp)
		return &c->hp;
	if (!home_read_line(&c->home, "config/server", text, sizeof text))
		die(RUNE_EXIT_PERM, "no server: give --server HOST[:PORT] or "
		    "run rune init");
	if (!hostport_parse(&c->hp, text, strlen(text)))
		die(RUNE_EXIT_PERM, "%s/config/server: not HOST[:PORT]",
		    c->home.dir);
	c->have_hp = 1;
	return &c->hp;
}

void
cli_identity(struct cli *c, struct addr *a, unsigned char sk[RUNE_SK_LEN])
{
	char text[RUNE_ADDR_MAX + 2];

	if (!home_read_line(&c->home, "config/address", text, sizeof text))
		die(RUNE_EXIT_PERM, "no address in %s: run rune init ADDRESS "
		    "--server HOST[:PORT] first", c->home.dir);
	if (!addr_parse(a, text, strlen(text)))
		die(RUNE_EXIT_PERM, "%s/config/address: not an address",
		    c->home.dir);
	if (!home_secret_read(&c->home, sk))
		die(RUNE_EXIT_PERM, "no secret key in %s: run rune init first",
		    c->home.dir);
}

void
cli_login(struct conn *cn, struct addr const *a,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char n[RUNE_NONCE_LEN], spk[RUNE_PK_LEN], sig[RUNE_SIG_LEN];
	char line[RUNE_LINE_MAX], b[B64_LEN(RUNE_SIG_LEN)];
	struct tok v[3];
	size_t nlen = 0;

	memcpy(line, "LOGIN ", 6);
	memcpy(line + 6, a->s, a->len + 1);
	conn_send(cn, line);
	if (conn_reply(cn) != 220)
		conn_fail(cn, "login");
	if (conn_args(cn, v, 3) != 2 ||
	    !b64_decode(n, sizeof n, &nlen, v[0].s, v[0].len) ||
	    nlen != sizeof n || !key_parse(spk, v[1].s, v[1].len))
		die(RUNE_EXIT_TEMP, "login: malformed 220 from %s",
		    cn->hp.name);
	pin_server_key(cn->home, &cn->hp, spk);
	if (!proof_make(sig, a, spk, n, sk))
		die(RUNE_EXIT_TEMP, "login: unable to make the proof");
	b64_encode(b, sig, sizeof sig);
	memcpy(line, "PROOF ", 6);
	memcpy(line + 6, b, strlen(b) + 1);
	conn_send(cn, line);
	sodium_memzero(n, sizeof n);
	if (conn_reply(cn) != 230)
		conn_fail(cn, "login");
	/* at every login: the prekeys (v2.h; nothing on a v1 server) */
	v2_login(cn, a, sk);
	/* and the tokens for anonymous sending (tokens.h; nothing on a
	 * server without ANONSEND) */
	tokens_login(cn, spk, clock_now());
	/* the sender certificate an anonymous send needs, on a schedule,
	 * never because a send is pending (A4) */
	if (anonmode_offered(cn->home))
		v2_scert_login(cn, a, sk);
}
