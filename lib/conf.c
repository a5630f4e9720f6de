/* conf.c: the settings of a domain directory: control/NAME files, each
 * overridden by $RUNE_NAME; defaults of spec section 12 (doc/design.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "afile.h"
#include "conf.h"
#include "die.h"
#include "num.h"
#include "tok.h"

/* reads one setting into buf[max]: a value of at most max - 1 octets,
 * from $RUNE_NAME or from the file control/name, whose one line may end
 * in a newline (which is not part of the value); 1 set, 0 absent */
static int
setting(struct conf const *c, char const *name, char *buf, size_t max)
{
	char env[64], path[1200], *e;
	size_t len, i;
	int r, n;

	for (i = 0; name[i] && i < sizeof env - 6; i++)
		env[i] = name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 :
		    name[i];
	env[i] = 0;
	memmove(env + 5, env, i + 1);
	memcpy(env, "RUNE_", 5);
	e = c->control_only ? NULL : getenv(env);
	if (e) {
		len = strlen(e);
		if (len >= max)
			die(RUNE_EXIT_PERM, "invalid $%s: too long", env);
		if (!tok_printable(e, len))
			die(RUNE_EXIT_PERM, "invalid $%s: one printable line "
			    "wanted", env);
		memcpy(buf, e, len + 1);
		return 1;
	}
	n = snprintf(path, sizeof path, "%s/control/%s", c->root, name);
	if (n < 0 || (size_t)n >= sizeof path)
		die(RUNE_EXIT_PERM, "RUNE_ROOT too long");
	/* max octets: a value of max - 1 and its newline */
	r = afile_read(path, buf, max, &len);
	if (r < 0 && errno == EFBIG)
		die(RUNE_EXIT_PERM, "invalid %s: longer than %zu octets", path,
		    max - 1);
	if (r < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read %s", path);
	if (r == 0)
		return 0;
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == max)
		die(RUNE_EXIT_PERM, "invalid %s: longer than %zu octets", path,
		    max - 1);
	buf[len] = 0;
	if (memchr(buf, '\n', len) || strlen(buf) != len ||
	    !tok_printable(buf, len))
		die(RUNE_EXIT_PERM, "invalid %s: one printable line wanted",
		    path);
	return 1;
}

static uint64_t
number(struct conf const *c, char const *name, uint64_t dflt,
    uint64_t min, uint64_t max)
{
	char buf[64];
	uint64_t n;

	if (!setting(c, name, buf, sizeof buf))
		return dflt;
	if (!num_parse(&n, buf, strlen(buf)) || n < min || n > max)
		die(RUNE_EXIT_PERM, "invalid setting %s: %s (want %llu..%llu)",
		    name, buf, (unsigned long long)min,
		    (unsigned long long)max);
	return n;
}

/* control/anonsend: off | on | BATCH PERDAY EPOCHDAYS; control/anoncap;
 * control/noidsend (0 or 1, only with ANONSEND on) */
static void
anonsend(struct conf *c)
{
	char buf[64];
	struct tok v[RUNE_ARGS_MAX];
	uint64_t n[3];
	int k, i;

	c->anon_cap = (unsigned)number(c, "anoncap", CONF_ANON_CAP, 1,
	    1000000);
	c->noidsend = (int)number(c, "noidsend", 0, 0, 1);
	if (!setting(c, "anonsend", buf, sizeof buf) || !strcmp(buf, "off")) {
		if (c->noidsend)
			die(RUNE_EXIT_PERM, "invalid setting noidsend: 1 "
			    "needs anonsend on");
		return;
	}
	/* anonymous messages are v2 messages to a receiver's prekeys */
	if (c->prekeys == 0)
		die(RUNE_EXIT_PERM, "invalid setting anonsend: %s needs "
		    "prekeys on (control/prekeys)", buf);
	if (!strcmp(buf, "on")) {
		c->anon_batch = CONF_ANON_BATCH;
		c->anon_perday = CONF_ANON_PERDAY;
		c->anon_epochdays = CONF_ANON_EPOCHDAYS;
		return;
	}
	k = tok_split(v, RUNE_ARGS_MAX, buf, strlen(buf));
	for (i = 0; k == 3 && i < 3; i++)
		if (!num_parse(&n[i], v[i].s, v[i].len))
			k = -1;
	if (k != 3 || n[0] < 1 || n[0] > 16 || n[1] < 1 || n[1] > 1000 ||
	    n[2] < 1 || n[2] > 366)
		die(RUNE_EXIT_PERM, "invalid setting anonsend: %s (want off, "
		    "on, or BATCH 1..16 PERDAY 1..1000 EPOCHDAYS 1..366)", buf);
	c->anon_batch = (unsigned)n[0];
	c->anon_perday = (unsigned)n[1];
	c->anon_epochdays = (unsigned)n[2];
}

void
conf_path(char *out, size_t outmax, struct conf const *c, char const *rel)
{
	int n = snprintf(out, outmax, "%s/%s", c->root, rel);

	if (n < 0 || (size_t)n >= outmax)
		die(RUNE_EXIT_PERM, "path too long: %s/%s", c->root, rel);
}

static void
load(struct conf *c, char const *root, int control_only)
{
	char buf[CONF_WELCOME_MAX + 2];

	memset(c, 0, sizeof *c);
	c->control_only = control_only;
	if (!root || !*root)
		die(RUNE_EXIT_PERM, "RUNE_ROOT not set");
	if (strlen(root) >= sizeof c->root)
		die(RUNE_EXIT_PERM, "invalid $RUNE_ROOT: too long");
	strcpy(c->root, root);

	if (!setting(c, "domain", c->domain, sizeof c->domain))
		die(RUNE_EXIT_PERM, "no domain: %s/control/domain missing",
		    root);
	if (!addr_domain_ok(c->domain, strlen(c->domain)))
		die(RUNE_EXIT_PERM, "invalid domain: %s", c->domain);
	for (char *p = c->domain; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;

	if (!setting(c, "welcome", c->welcome, sizeof c->welcome))
		snprintf(c->welcome, sizeof c->welcome, "%s", c->domain);

	c->reg_invite = 1;
	if (setting(c, "registration", buf, sizeof buf)) {
		c->reg_free = !strcmp(buf, "free") || !strcmp(buf, "both");
		c->reg_invite = !strcmp(buf, "invite") || !strcmp(buf, "both");
		if (!c->reg_free && !c->reg_invite && strcmp(buf, "off"))
			die(RUNE_EXIT_PERM, "invalid setting registration: "
			    "%s (want free, invite, both or off)", buf);
	}
	c->maxsize = number(c, "maxsize", RUNE_MAXSIZE_DEFAULT,
	    RUNE_BLOB_MIN, 1ULL << 40);
	c->quota_messages = number(c, "quota_messages",
	    RUNE_QUOTA_MSGS_DEFAULT, 1, 1ULL << 32);
	c->quota_bytes = number(c, "quota_bytes", RUNE_QUOTA_BYTES_DEFAULT,
	    1, 1ULL << 50);
	c->idle = (unsigned)number(c, "idle", RUNE_IDLE_DEFAULT, 1, 86400);
	c->refusals = (unsigned)number(c, "refusals", RUNE_REFUSALS_DEFAULT,
	    1, 1000);
	c->expire_days = (unsigned)number(c, "expire_days",
	    RUNE_EXPIRE_DAYS_DEFAULT, 1, 36500);
	c->handshake = (unsigned)number(c, "handshake",
	    RUNE_HANDSHAKE_DEFAULT, 1, 3600);
	c->sessionmax = (unsigned)number(c, "sessionmax",
	    RUNE_SESSIONMAX_DEFAULT, 1, 604800);
	c->port = (unsigned)number(c, "port", RUNE_PORT, 1, 65535);
	c->prekeys = (unsigned)number(c, "prekeys", 0, 0,
	    RUNE2_PREKEYS_MAX);
	c->prekey_perday = (unsigned)number(c, "prekey_perday",
	    RUNE2_PREKEY_PERDAY_DEFAULT, 1, 1000000);
	c->prekey_perhour = (unsigned)number(c, "prekey_perhour",
	    RUNE2_PREKEY_PERHOUR_DEFAULT, 1, 1000000);
	anonsend(c);
	/* after anonsend: the per-kind allowances default to its PERDAY */
	c->anon_wait = (unsigned)number(c, "anonwait", CONF_ANON_WAIT, 0,
	    CONF_ANON_WAIT_MAX);
	c->anon_perday_open = (unsigned)number(c, "anonperday_open",
	    c->anon_perday, 0, 1000);
	c->anon_perday_invite = (unsigned)number(c, "anonperday_invite",
	    c->anon_perday, 0, 1000);
	if (!setting(c, "host", c->host, sizeof c->host))
		strcpy(c->host, "127.0.0.1");
	else if (strspn(c->host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(c->host) ||
	    !c->host[0])
		die(RUNE_EXIT_PERM, "invalid setting host: %s", c->host);
}

void
conf_load_root(struct conf *c, char const *root)
{
	load(c, root, 0);
}

void
conf_load_control(struct conf *c, char const *root)
{
	load(c, root, 1);
}

void
conf_load(struct conf *c)
{
	conf_load_root(c, getenv("RUNE_ROOT"));
}
