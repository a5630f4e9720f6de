/* rune.c: the RUNE client's main: global options, then one command.
 * Global options may stand anywhere before a "--"; what is left goes to
 * the command in its order. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "die.h"
#include "nodump.h"
#include "num.h"
#include "net.h"
#include "optval.h"
#include "socks5.h"

#define USAGE "rune [--server HOST[:PORT]] [--home DIR] [--timeout SECONDS] " \
	"[--proxy socks5://HOST:PORT|none] COMMAND [ARG...]   (rune help " \
	"lists the commands)"
#define TIMEOUT_MAX 3600
#define VERSION "rune 0.2 (RUNE protocol v1)"
#define NEAR_MAX 2	/* edits at most for a suggested command */

static char const help[] =
"usage: rune [--server HOST[:PORT]] [--home DIR] [--timeout SECONDS]\n"
"            [--proxy socks5://HOST:PORT|none] COMMAND [ARG...]\n"
"\n"
"commands:\n"
"  capabilities                  show what the server offers\n"
"  init ADDRESS [--force]        make the key pair; store address and server\n"
"  register [--invite [-] | --invite-file FILE]\n"
"                                register the address with its key; the\n"
"                                invitation (token or URI) from stdin\n"
"                                (asked for on a terminal) or FILE\n"
"  join [FILE|-] [--force]       init and register in one step, from the\n"
"                                invitation URI on stdin (or in FILE)\n"
"  login                         check that the server knows this key\n"
"  key ADDRESS                   the key of ADDRESS (pinned on first use)\n"
"  pins                          list every pinned key\n"
"  pin --replace WHAT [--expect FINGERPRINT]\n"
"                                forget a pin, so that the next contact pins\n"
"                                anew, or pin exactly the key confirmed;\n"
"                                WHAT: ADDRESS, server (both server pins),\n"
"                                server-tls or server-key\n"
"  unregister [--yes]            remove the address and its messages\n"
"  fingerprint-cert CERT.pem     the TLS fingerprint of a certificate\n"
"  send ADDRESS... [-s SUBJECT] [--reply-to ID] [-a FILE]...\n"
"       [--sent MAILDIR] [--v1] [--now|--wait] [--identified] [FILE|-]\n"
"                                send a message (a sealed copy to each\n"
"                                address): the text from FILE, stdin (-),\n"
"                                or $EDITOR; -a attaches a file; --sent\n"
"                                keeps a copy in a Maildir; --v1: a v1\n"
"                                message (not forward secret) to a\n"
"                                receiver without RUNE-2 keys.  Where the\n"
"                                server offers ANONSEND it goes anonymously\n"
"                                through the outbox after a random delay\n"
"                                (--now: at once; --wait: wait for it);\n"
"                                --identified: this one with your login\n"
"  outbox [--send [--wait] [--identified] [ID] | --drop ID]\n"
"                                the anonymous messages waiting or refused:\n"
"                                list them, send those due (or ID), send\n"
"                                one identified, or drop one\n"
"  list [--ids]                  the messages waiting: number, date, sender,\n"
"                                size, subject (--ids: ID SIZE)\n"
"  read N|ID [--raw] [--save DIR]\n"
"                                show a message, checked (From, Date,\n"
"                                Verified), then its text decoded and its\n"
"                                attachments listed (--save writes them)\n"
"  reply [--v1] [--now|--wait] [--identified] N|ID|<MSGID>|FILE [FILE|-]\n"
"                                answer a message's sender (Re: subject)\n"
"  delete N|ID                   remove a message from the mailbox\n"
"  sendmail [-t] [-i] [-O v1|now|identified] [-f ADDRESS] [ADDRESS...]\n"
"           <MESSAGE\n"
"                                send an RFC 5322 message as sendmail(8)\n"
"                                does, for mutt, mail(1), git send-email\n"
"                                (exit codes from sysexits.h)\n"
"  fetch --maildir DIR [--delete] [--watch SECONDS] [--exec CMD]\n"
"                                deliver every new message into a Maildir;\n"
"                                --delete removes each once delivered;\n"
"                                --watch polls until interrupted, --exec\n"
"                                runs CMD for each new message\n"
"\n"
"  help, --help                  this text; --version: the version\n"
"\n"
"options:\n"
"  --server HOST[:PORT]  the server (default port 7863; else config/server)\n"
"  --home DIR            the state directory (else $RUNE_HOME, ~/.rune)\n"
"  --timeout SECONDS     for connect, handshake, each read and each whole\n"
"                        answer (default 30)\n"
"  --proxy socks5://HOST:PORT\n"
"                        every connection through this SOCKS5 proxy (Tor:\n"
"                        socks5://127.0.0.1:9050), the server's name\n"
"                        resolved by the proxy; none: directly (else\n"
"                        config/proxy)\n";

static struct {
	char const *name;
	int (*fn)(struct cli *, int, char **);
} const cmds[] = {
	{ "capabilities", cmd_capabilities },
	{ "init", cmd_init },
	{ "register", cmd_register },
	{ "join", cmd_join },
	{ "login", cmd_login },
	{ "key", cmd_key },
	{ "pins", cmd_pins },
	{ "pin", cmd_pin },
	{ "unregister", cmd_unregister },
	{ "fingerprint-cert", cmd_fingerprint_cert },
	{ "send", cmd_send },
	{ "list", cmd_list },
	{ "read", cmd_read },
	{ "delete", cmd_delete },
	{ "reply", cmd_reply },
	{ "fetch", cmd_fetch },
	{ "sendmail", cmd_sendmail },
	{ "outbox", cmd_outbox },
};

/* the edit distance of a and b (Levenshtein), capped at 9 */
static size_t
distance(char const *a, char const *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[32], prev, t;

	if (la > 30 || lb > 30)
		return 9;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		prev = d[0];
		d[0] = i;
		for (j = 1; j <= lb; j++) {
			t = d[j];
			d[j] = prev + (a[i - 1] != b[j - 1]);
			if (d[j - 1] + 1 < d[j])
				d[j] = d[j - 1] + 1;
			if (t + 1 < d[j])
				d[j] = t + 1;
			prev = t;
		}
	}
	return d[lb] > 9 ? 9 : d[lb];
}

/* ends the program for an unknown command, naming the nearest one */
static _Noreturn void
unknown(char const *name)
{
	size_t k, best = 0, bd = 9, n = strlen(name), d;

	for (k = 0; k < sizeof cmds / sizeof cmds[0]; k++) {
		d = distance(name, cmds[k].name);
		if (n >= 3 && strncmp(cmds[k].name, name, n) == 0)
			d = 1;	/* a prefix: "rep" for reply */
		if (d < bd) {
			bd = d;
			best = k;
		}
	}
	if (bd <= NEAR_MAX)
		die(RUNE_EXIT_PERM, "unknown command: %.100s; did you mean "
		    "rune %s? (rune help lists the commands)", name,
		    cmds[best].name);
	die(RUNE_EXIT_PERM, "unknown command: %.100s (rune help lists the "
	    "commands; rune --version says which rune this is)", name);
}

/* --proxy (opt), else config/proxy: every connection through it */
static void
use_proxy(struct home const *h, char const *opt)
{
	char text[RUNE_LINE_MAX];
	struct hostport p;
	char const *from = "--proxy";

	if (opt == NULL) {
		if (!home_read_line(h, "config/proxy", text, sizeof text))
			return;
		opt = text;
		from = "config/proxy";
	}
	if (strcmp(opt, "none") == 0)
		return;
	if (!socks5_parse(&p, opt, strlen(opt)))
		die(RUNE_EXIT_PERM, "%s: not socks5://HOST:PORT (nor none): "
		    "%.300s", from, opt);
	net_proxy(&p);
}

int
main(int argc, char **argv)
{
	struct cli c;
	char const *home = NULL, *proxy = NULL, *v;
	char *rest[256];
	int i, n = 0, dashdash = 0;
	uint64_t t;
	size_t k;

	die_init("rune");
	nodump();
	if (sodium_init() < 0)
		die(RUNE_EXIT_TEMP, "unable to initialise libsodium");
	/* a write past a file size limit fails with EFBIG, which is
	 * reported, instead of killing rune with a tmp file left behind */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR ||
	    signal(SIGXFSZ, SIG_IGN) == SIG_ERR)
		die_sys(RUNE_EXIT_TEMP, "unable to set signals");
	memset(&c, 0, sizeof c);
	c.timeout = CLI_TIMEOUT_DEFAULT;
	if (argc > (int)(sizeof rest / sizeof rest[0]))
		die_usage(USAGE);
	for (i = 1; i < argc; i++) {
		if (dashdash) {
			rest[n++] = argv[i];
		} else if (strcmp(argv[i], "--") == 0) {
			dashdash = 1;
		} else if (strcmp(argv[i], "--version") == 0) {
			puts(VERSION);
			return fflush(stdout) == 0 ? 0 : RUNE_EXIT_TEMP;
		} else if (strcmp(argv[i], "--help") == 0 ||
		    (strcmp(argv[i], "-h") == 0 && n == 0) ||
		    (strcmp(argv[i], "help") == 0 && n == 0)) {
			fputs(help, stdout);
			return fflush(stdout) == 0 ? 0 : RUNE_EXIT_TEMP;
		} else if ((v = optval(argc, argv, &i, "--server", USAGE)) != NULL) {
			if (!hostport_parse(&c.hp, v, strlen(v)))
				die(RUNE_EXIT_PERM, "--server: not "
				    "HOST[:PORT]: %.300s", v);
			c.have_hp = 1;
		} else if ((v = optval(argc, argv, &i, "--proxy", USAGE)) != NULL) {
			proxy = v;
		} else if ((v = optval(argc, argv, &i, "--home", USAGE)) != NULL) {
			home = v;
		} else if ((v = optval(argc, argv, &i, "--timeout", USAGE)) != NULL) {
			if (!num_parse(&t, v, strlen(v)) || t == 0 ||
			    t > TIMEOUT_MAX)
				die(RUNE_EXIT_PERM, "--timeout: not 1..%d "
				    "seconds", TIMEOUT_MAX);
			c.timeout = (unsigned)t;
		} else {
			rest[n++] = argv[i];
		}
	}
	/* run as "sendmail" (a link so named): rune sendmail */
	v = strrchr(argv[0], '/');
	v = v != NULL ? v + 1 : argv[0];
	if (strcmp(v, "sendmail") == 0 && n < (int)(sizeof rest /
	    sizeof rest[0]) - 1) {
		memmove(rest + 1, rest, (size_t)n * sizeof rest[0]);
		rest[0] = argv[0];
		n++;
		rest[0] = (char *)"sendmail";
	}
	if (n == 0)
		die_usage(USAGE);
	rest[n] = NULL;
	home_init(&c.home, home);
	use_proxy(&c.home, proxy);
	for (k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
		if (strcmp(rest[0], cmds[k].name) == 0)
			return cmds[k].fn(&c, n, rest);
	unknown(rest[0]);
}
