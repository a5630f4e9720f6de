/* keys-invite.c: rune-admin invite: makes an invitation token (through
 * rune-keys invite) and prints the invitation URI
 *   rune://TOKEN@HOST:PORT/ADDRESS?tls=TLSFPR&key=KEYFPR
 * HOST and PORT from control/host and control/port (default 127.0.0.1
 * and 7863), the fingerprints as 32 lowercase hex digits (doc/keys.md).
 * With control/host unset, the URI would name 127.0.0.1, which no other
 * machine reaches: refused unless --force. */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "clock.h"
#include "cmd.h"
#include "die.h"
#include "fingerprint.h"
#include "keys-run.h"
#include "root.h"
#include "num.h"

#define USAGE "rune-admin invite [--root DIR] ADDRESS [--expires DURATION] " \
	"[--token-only] [--force]"
#define DURATION_MAX (3650ULL * 86400)	/* ten years */

/* "7d", "12h", "30m", "90s" into seconds; 0 when invalid */
static uint64_t
duration(char const *s)
{
	size_t n = strlen(s);
	uint64_t v, unit;

	if (n < 2)
		return 0;
	switch (s[n - 1]) {
	case 'd': unit = 86400; break;
	case 'h': unit = 3600; break;
	case 'm': unit = 60; break;
	case 's': unit = 1; break;
	default: return 0;
	}
	if (!num_parse(&v, s, n - 1) || v == 0 || v > DURATION_MAX / unit)
		return 0;
	return v * unit;
}

/* the Unix time when, as an ISO 8601 UTC date */
static char const *
utc(char *buf, size_t max, uint64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    strftime(buf, max, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, max, "at %llu", (unsigned long long)when);
	return buf;
}

/* a spaced fingerprint text into 32 hex digits */
static void
nospace(char *out, char const *fp)
{
	for (; *fp; fp++)
		if (*fp != ' ')
			*out++ = *fp;
	*out = 0;
}

/* 1: control/host (or $RUNE_HOST) names the host clients reach */
static int
host_set(struct conf const *c)
{
	char path[1200];

	if (getenv("RUNE_HOST"))
		return 1;
	conf_path(path, sizeof path, c, "control/host");
	if (access(path, F_OK) == 0)
		return 1;
	if (errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to check %s", path);
	return 0;
}

int
cmd_invite(int argc, char **argv)
{
	char tls[33], key[33];
	unsigned char tok[KEYS_TOKEN_OUT];
	char const *address = 0, *exp = "7d";
	char when[NUM_FMT_MAX], date[32];
	char out[CONF_HOST_MAX + 2 * RUNE_ADDR_MAX + 400];
	struct fingerprints f;
	uint64_t secs, expires;
	struct conf c;
	struct addr a;
	size_t len = 0;
	int only = 0, force = 0, i, code, n;

	admin_root(&c, &argc, argv);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--token-only") == 0)
			only = 1;
		else if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (strcmp(argv[i], "--expires") == 0 && i + 1 < argc)
			exp = argv[++i];
		else if (argv[i][0] != '-' && !address)
			address = argv[i];
		else
			die_usage(USAGE);
	}
	if (!address)
		die_usage(USAGE);
	keys_address(&a, address, &c);
	secs = duration(exp);
	if (secs == 0)
		die(RUNE_EXIT_PERM, "invalid duration: %.40s (want a number "
		    "and d, h, m or s, at most 3650d)", exp);
	if (!only && !force && !host_set(&c))
		die(RUNE_EXIT_PERM, "control/host is not set, so the URI would "
		    "name %s:%u, which only this machine reaches; set the "
		    "host clients use (rune-admin config host HOST, or setup "
		    "--host HOST), or give --force", c.host, c.port);
	memset(&f, 0, sizeof f);
	if (!only && !fingerprint_read(&f, c.root))
		die(RUNE_EXIT_TEMP, "unable to read the fingerprints of %s",
		    c.root);
	nospace(tls, f.tls);
	nospace(key, f.server);
	expires = clock_now() + secs;
	num_fmt(when, expires);
	{
		char const *args[] = { "invite", a.s, when, 0 };

		code = keys_run(&c, args, tok, sizeof tok, &len);
	}
	if (code == KEYEXIT_TAKEN)
		die(code, "invite %s: the address is taken", a.s);
	if (code != 0)
		die(code < 0 ? RUNE_EXIT_TEMP : code, "invite %s: failed", a.s);
	if (len != KEYS_TOKEN_OUT || tok[len - 1] != '\n')
		die(RUNE_EXIT_TEMP, "invite %s: rune-keys printed no token",
		    a.s);
	tok[len - 1] = 0;
	if (only)
		n = snprintf(out, sizeof out, "%s\n", (char *)tok);
	else
		n = snprintf(out, sizeof out, "invitation for %s, valid until "
		    "%s\nrune://%s@%s:%u/%s?tls=%s&key=%s\n", a.s,
		    utc(date, sizeof date, expires), (char *)tok, c.host, c.port,
		    a.s, tls, key);
	sodium_memzero(tok, sizeof tok);
	code = n > 0 && (size_t)n < sizeof out &&
	    write(1, out, (size_t)n) == n;
	sodium_memzero(out, sizeof out);
	if (!code)
		die_sys(RUNE_EXIT_TEMP, "unable to write");
	info("invited %s", a.s);
	return RUNE_EXIT_OK;
}
