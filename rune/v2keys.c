/* v2keys.c: the PREKEYS line and the prekeys uploaded at login, as v2.h
 * says (doc/protocol-v2.md 3.2, 3.3, A10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "afile.h"
#include "die.h"
#include "expiry.h"
#include "num.h"
#include "prekeys.h"
#include "tls.h"
#include "v2.h"

#define DAY 86400ULL

static struct {
	char name[HOSTPORT_HOST_MAX + 16];
	int have;
	struct v2caps c;
} caps_seen;

/* 1.1: the PREKEYS line is pinned per server (pins/server/HOST:PORT/
 * prekeys) the first time it is seen; a server that drops it later
 * stops the program loudly, as a changed key does, until the user
 * re-pins (rune pin --replace server-prekeys) */
static void
downgrade_pin(struct conn *cn, int offered)
{
	char dir[HOSTPORT_HOST_MAX + 40], rel[sizeof dir + 16];
	char line[16];

	snprintf(dir, sizeof dir, "pins/server/%s", cn->hp.name);
	snprintf(rel, sizeof rel, "%s/prekeys", dir);
	if (home_read_line(cn->home, rel, line, sizeof line)) {
		if (offered)
			return;
		conn_quit(cn);
		die(RUNE_EXIT_PERM, "@@@ WARNING: SERVER %s NO LONGER OFFERS "
		    "PREKEYS (forward secrecy), which it did before: someone "
		    "may be downgrading the connection, or its administrator "
		    "turned forward secrecy off. Stopped. Ask the "
		    "administrator; to accept it, re-pin with: rune --server "
		    "%s pin --replace server-prekeys", cn->hp.name,
		    cn->hp.name);
	}
	if (offered)
		home_write_line(cn->home, dir, "prekeys", "PREKEYS");
}

void
v2_caps(struct conn *cn, struct v2caps *cp)
{
	struct tok v[3];
	uint64_t n;
	int i, k;

	if (caps_seen.have && strcmp(caps_seen.name, cn->hp.name) == 0) {
		*cp = caps_seen.c;
		return;
	}
	memset(cp, 0, sizeof *cp);
	conn_send(cn, "CAPABILITIES");
	if (conn_reply(cn) != 250)
		conn_fail(cn, "capabilities");
	for (i = 0; i < cn->rep.nlines; i++) {
		char const *s = cn->rep.text[i];

		/* a line this client does not know is ignored (1.1) */
		if (!tokens_caps_line(&cp->anon, s, strlen(s))) {
			conn_quit(cn);
			die(RUNE_EXIT_TEMP, "capabilities: %s sent a malformed "
			    "ANONSEND line", cn->hp.name);
		}
		k = tok_split(v, 3, s, strlen(s));
		if (k == 2 && tok_is(&v[0], "DOMAIN") &&
		    v[1].len < sizeof cp->domain) {
			memcpy(cp->domain, v[1].s, v[1].len);
			cp->domain[v[1].len] = '\0';
		}
		if (k != 2 || !num_parse(&n, v[1].s, v[1].len))
			continue;
		if (tok_is(&v[0], "MAXSIZE"))
			cp->maxsize = n;
		else if (tok_is(&v[0], "PREKEYS"))
			cp->prekeys = n;
	}
	downgrade_pin(cn, cp->prekeys > 0);
	if (strlen(cn->hp.name) < sizeof caps_seen.name) {
		strcpy(caps_seen.name, cn->hp.name);
		caps_seen.c = *cp;
		caps_seen.have = 1;
	}
}

/* "A B C" of prekeys/status or prekeys/uploaded into n[3]; the count read */
static int
read_nums(struct home const *h, char const *rel, uint64_t n[3])
{
	char line[128];
	struct tok v[4];
	int k, i;

	if (!home_read_line(h, rel, line, sizeof line))
		return 0;
	k = tok_split(v, 4, line, strlen(line));
	if (k < 1 || k > 3)
		return 0;
	for (i = 0; i < k; i++)
		if (!num_parse(&n[i], v[i].s, v[i].len))
			return 0;
	return k;
}

static void
write_line(struct home const *h, char const *name, char const *text)
{
	char dir[HOME_PATH_MAX];

	home_mkdirs(h, "prekeys");
	home_path(dir, h, "prekeys");
	if (!afile_write(dir, name, text, strlen(text), 0600))
		die_sys(RUNE_EXIT_TEMP, "unable to write %s/%s", dir, name);
}

int
v2_withheld(struct home const *h, uint64_t t)
{
	uint64_t n[3] = { 0, 0, 0 };

	/* status: T (a PREKEYS 0 after t), C (its count), U (the upload
	 * before T): C > 0 and no refill between t and T means one-time
	 * keys were there when the sender got none */
	if (read_nums(h, "prekeys/status", n) != 3)
		return 0;
	return n[1] > 0 && n[0] >= t && n[2] <= t;
}

/* "250 COUNT LNA": 1 parsed */
static int
counts(struct conn *cn, uint64_t *count, uint64_t *lna)
{
	struct tok v[3];

	return conn_args(cn, v, 3) == 2 &&
	    num_parse(count, v[0].s, v[0].len) &&
	    num_parse(lna, v[1].s, v[1].len);
}

void
v2_login(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN])
{
	struct home const *h = cn->home;
	unsigned char *recs;
	char line[RUNE_LINE_MAX];
	uint64_t now = (uint64_t)time(NULL), count, lna, newest, up[3];
	uint64_t max;
	struct v2caps cp;
	size_t ones, n, i;
	int want_last, code;

	v2_caps(cn, &cp);
	if (cp.prekeys == 0)
		return;
	max = cp.prekeys > V2_PREKEYS_MAX ? V2_PREKEYS_MAX : cp.prekeys;
	(void)prekeys_expire(h, now, expiry_days(h));
	conn_send(cn, "PREKEYS 0");
	if (conn_reply(cn) != 250 || !counts(cn, &count, &lna)) {
		warn("prekeys: %s does not answer PREKEYS 0 as expected (%d): "
		    "no prekeys uploaded", cn->hp.name, cn->rep.code);
		return;
	}
	if (read_nums(h, "prekeys/uploaded", up) != 1)
		up[0] = 0;
	snprintf(line, sizeof line, "%llu %llu %llu\n",
	    (unsigned long long)now, (unsigned long long)count,
	    (unsigned long long)up[0]);
	write_line(h, "status", line);
	prekeys_plan(h, now, (size_t)max, count > max ? (size_t)max :
	    (size_t)count, &want_last, &ones);
	/* the server's current L must be one whose secret is held */
	if (!want_last && (prekeys_count(h, RUNE2_KIND_LASTRESORT, now,
	    &newest) == 0 || newest != lna))
		want_last = 1;
	n = (size_t)want_last + ones;
	if (n == 0)
		return;
	if ((recs = malloc(n * RUNE2_PREKEY_LEN)) == NULL)
		die_sys(RUNE_EXIT_TEMP, "out of memory");
	i = 0;
	if (want_last)
		prekeys_make(h, RUNE2_KIND_LASTRESORT,
		    now + PREKEYS_L_DAYS * DAY, me, sk, recs);
	for (i = (size_t)want_last; i < n; i++)
		prekeys_make(h, RUNE2_KIND_ONETIME, now + PREKEYS_O_DAYS * DAY,
		    me, sk, recs + i * RUNE2_PREKEY_LEN);
	snprintf(line, sizeof line, "PREKEYS %zu", n);
	conn_send(cn, line);
	code = conn_reply(cn);
	if (code == 340) {
		if (!tls_write(cn->tls, recs, n * RUNE2_PREKEY_LEN))
			die(RUNE_EXIT_TEMP, "prekeys: %s: %s", cn->hp.name,
			    tls_why(cn->tls));
		code = conn_reply(cn);
	}
	if (code != 250 || !counts(cn, &count, &lna)) {
		/* never on the server: their secrets are of no use */
		for (i = 0; i < n; i++)
			(void)prekeys_forget(h, recs[i * RUNE2_PREKEY_LEN],
			    recs + i * RUNE2_PREKEY_LEN + 1);
		free(recs);
		warn("prekeys: %s refused the upload (%d): no new prekeys",
		    cn->hp.name, code);
		return;
	}
	free(recs);
	snprintf(line, sizeof line, "%llu\n", (unsigned long long)now);
	write_line(h, "uploaded", line);
}
