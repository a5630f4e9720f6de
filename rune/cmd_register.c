/* cmd_register.c: "rune register": REGISTER or REGISTER_INVITATION and
 * the challenge of section 7.3, with the server's RUNE key checked
 * against its pin before anything is answered. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "clock.h"
#include "chal.h"
#include "cli.h"
#include "cmd.h"
#include "v2.h"
#include "die.h"
#include "invite.h"
#include "key.h"
#include "pin.h"
#include "show.h"

#define USAGE "rune register [--invite [-] | --invite-file FILE]"

/* the invitation: "--invite" or "--invite -" (stdin, asked for without
 * echo on a terminal) or "--invite-file FILE"; never a token in argv,
 * where ps, /proc and the shell's history show it.  Returns 1. */
static int
invite_arg(struct invite *iv, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--invite") == 0)
		invite_read(iv, "-");
	else if (argc == 3 && strcmp(argv[1], "--invite") == 0 &&
	    strcmp(argv[2], "-") == 0)
		invite_read(iv, "-");
	else if (argc == 3 && strcmp(argv[1], "--invite-file") == 0)
		invite_read(iv, argv[2]);
	else if (argc == 2 && strncmp(argv[1], "--invite-file=", 14) == 0)
		invite_read(iv, argv[1] + 14);
	else if ((argc == 3 && strcmp(argv[1], "--invite") == 0) ||
	    (argc == 2 && strncmp(argv[1], "--invite=", 9) == 0))
		die(RUNE_EXIT_PERM, "--invite: an invitation on the command "
		    "line is seen by every user (ps, /proc) and kept in the "
		    "shell's history; give it on standard input (rune register "
		    "--invite < FILE, or paste it when asked) or in a file "
		    "(--invite-file FILE)");
	else
		die_usage(USAGE);
	return 1;
}

/* with an invitation URI: its server must be the configured one, and its
 * fingerprints are pinned before the first connection */
static struct hostport const *
server_of(struct cli *c, struct invite const *iv)
{
	struct hostport const *hp;

	if (!iv->uri)
		return cli_server(c);
	if (!c->have_hp) {
		char text[HOSTPORT_HOST_MAX + 16];

		if (!home_read_line(&c->home, "config/server", text,
		    sizeof text)) {
			c->hp = iv->hp;
			c->have_hp = 1;
			home_write_line(&c->home, "config", "server",
			    c->hp.name);
		}
	}
	hp = cli_server(c);
	if (strcmp(hp->name, iv->hp.name) != 0)
		die(RUNE_EXIT_PERM, "the invitation is for %s, but the server "
		    "is %s (run rune init again with --server %s)",
		    iv->hp.name, hp->name, iv->hp.name);
	pin_preset(&c->home, hp, iv->tls, iv->key);
	return hp;
}

/* a URI naming an address must name this home's */
static void
invite_check_addr(struct cli *c, struct invite const *iv)
{
	char text[RUNE_ADDR_MAX + 2];

	if (home_read_line(&c->home, "config/address", text, sizeof text) &&
	    strcmp(text, iv->addr.s) != 0)
		die(RUNE_EXIT_PERM, "the invitation is for %s, but this home's "
		    "address is %.200s (rune join makes a home for it)",
		    iv->addr.s, text);
}

/* answers the 205 in cn->rep; exits unless everything verifies */
static void
challenge(struct conn *cn, struct addr const *a,
    unsigned char const sk[RUNE_SK_LEN])
{
	unsigned char spk[RUNE_PK_LEN], ans[CHAL_ANSWER_LEN];
	char line[RUNE_LINE_MAX], b[B64_LEN(CHAL_ANSWER_LEN)];
	struct tok v[3];

	if (conn_args(cn, v, 3) != 2 || !key_parse(spk, v[1].s, v[1].len))
		die(RUNE_EXIT_TEMP, "register: malformed 205 from %s",
		    cn->hp.name);
	if (!chal_answer(ans, v[0].s, v[0].len, v[1].s, v[1].len, a,
	    sk + RUNE_SK_LEN - RUNE_PK_LEN, sk, spk))
		die(RUNE_EXIT_PERM, "register: the server's challenge does not "
		    "verify (bad signature, or not sealed to this key); "
		    "nothing was answered");
	pin_server_key(cn->home, &cn->hp, spk);
	b64_encode(b, ans, sizeof ans);
	snprintf(line, sizeof line, "CHALLANGE_ACCEPTED %s", b);
	conn_send(cn, line);
	sodium_memzero(ans, sizeof ans);
}

int
cli_register(struct cli *c, struct invite *iv)
{
	unsigned char sk[RUNE_SK_LEN], spk[RUNE_PK_LEN];
	char ktext[RUNE_KEY_TEXT_LEN + 1], line[RUNE_LINE_MAX];
	struct hostport const *hp;
	struct conn cn;
	struct addr a;

	cli_identity(c, &a, sk);
	hp = iv ? server_of(c, iv) : cli_server(c);
	key_fmt(ktext, sk + RUNE_SK_LEN - RUNE_PK_LEN);
	if (iv)
		snprintf(line, sizeof line, "REGISTER_INVITATION %s %s %s",
		    a.s, iv->token, ktext);
	else
		snprintf(line, sizeof line, "REGISTER %s %s", a.s, ktext);
	conn_open(&cn, &c->home, hp, c->timeout);
	conn_send(&cn, line);
	sodium_memzero(line, sizeof line);	/* the token */
	if (iv)
		sodium_memzero(iv, sizeof *iv);
	if (conn_reply(&cn) != 205)
		conn_fail(&cn, "register");
	challenge(&cn, &a, sk);
	if (conn_reply(&cn) != 210)
		conn_fail(&cn, "register");
	show_printf("registered %s\n", a.s);
	show_flush();
	/* the session is authenticated: the first prekeys (v2.h) */
	v2_login(&cn, &a, sk);
	sodium_memzero(sk, sizeof sk);
	if (!pin_server_key_get(&c->home, hp, spk))
		die(RUNE_EXIT_TEMP, "register: the server key was not pinned");
	tokens_login(&cn, spk, clock_now());
	conn_quit(&cn);
	return RUNE_EXIT_OK;
}

int
cmd_register(struct cli *c, int argc, char **argv)
{
	struct invite iv;

	if (argc >= 2 && strncmp(argv[1], "--invite", 8) == 0) {
		invite_arg(&iv, argc, argv);
		if (iv.have_addr)
			invite_check_addr(c, &iv);
		return cli_register(c, &iv);
	}
	if (argc != 1)
		die_usage(USAGE);
	return cli_register(c, NULL);
}
