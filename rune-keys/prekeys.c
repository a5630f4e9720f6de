/* prekeys.c: rune-keys prekeys: the prekey protocol (rune-keys(8), "THE
 * PREKEY PROTOCOL"), the only writer of the prekey records of protocol v2
 * (doc/protocol-v2.md 3.2, 3.4) and of PREKEY's rate counters.  Requests
 * come one line each on fd 0, answers go one line each to fd 1, from the
 * session through a pipe (an exec of rune-keys per session) or through
 * the socket of rune-keys daemon (daemon.c), which runs this on each
 * connection.  The caller is not trusted: a connection first proves a
 * login (the client's PROOF signature or rune-keys' registration
 * receipt, checked against the key table), and then uploads and counts
 * for that address only; every take counts towards the limits of
 * control/ (doc/privsep.md).
 *
 * Files, under keys/prekeys/ (made on first use):
 *   NAME            one address's records (lib/prekeyset.c's format),
 *                   NAME = hex BLAKE2b-128("RUNE-2 prekeys" 0 address),
 *                   replaced atomically (tmp, fsync, rename, fsync dir)
 *   lock            flock'ed around every request: one change at a time
 *   rate/dDAY.NAME  PREKEYs asked by one address on DAY (8 octets)
 *   rate/hHOUR.NAME PREKEYs for one receiver in HOUR (8 octets)
 *   rate/swept      the hour of the last sweep of older counters
 * No file names two addresses: the counters never count pairs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "answer.h"
#include "b64.h"
#include "clock.h"
#include "conf.h"
#include "die.h"
#include "hexid.h"
#include "key.h"
#include "keys.h"
#include "keytab.h"
#include "line.h"
#include "num.h"
#include "prekeyfile.h"
#include "prekeyset.h"
#include "proof.h"
#include "tok.h"
#include "tokens.h"
#include "writeall.h"

#define REQ_MAX		512	/* a request line with its LF */
#define FIELDS_MAX	6

/* "login ADDRESS B64(n) KEYTEXT B64(sig)" fits */
_Static_assert(6 + RUNE_ADDR_MAX + 1 + B64_LEN(RUNE_NONCE_LEN) +
    RUNE_KEY_TEXT_LEN + 1 + B64_LEN(RUNE_SIG_LEN) + 1 <= REQ_MAX,
    "REQ_MAX too small for a login");

struct conn {
	struct conf const *c;
	struct line in;
	int authed;			/* a login was proved */
	struct addr me;			/* its address */
	unsigned char pk[RUNE_PK_LEN];	/* and key */
};

static long
read_in(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t r;

	(void)ctx;
	do
		r = read(0, buf, len);
	while (r < 0 && errno == EINTR);
	return r;
}

/* the counter file rate/<kind><window>.<name of a> into out */
static int
rate_path(char *out, size_t max, char const *root, char kind,
    uint64_t window, struct addr const *a)
{
	char rel[64 + PREKEYFILE_NAME_LEN], name[PREKEYFILE_NAME_LEN + 1], n[NUM_FMT_MAX];

	prekeyfile_name(name, a);
	num_fmt(n, window);
	snprintf(rel, sizeof rel, "rate/%c%s.%s", kind, n, name);
	return prekeyfile_path(out, max, root, rel);
}

/* the count in path (0 when absent); -1 on an error */
static long long
rate_get(char const *path)
{
	unsigned char b[8];
	size_t len;
	int r = afile_read(path, b, sizeof b, &len);

	if (r == 0)
		return 0;
	if (r < 0 || len != sizeof b)
		return -1;
	return (long long)(num_unpack_be8(b) & 0x7fffffffffffffffULL);
}

/* sets the count in path (no fsync: a crash may forget the last few
 * fetches; the one-time records themselves are durable); 1 done */
static int
rate_put(char const *path, long long n, mode_t mode)
{
	unsigned char b[8];
	int fd, ok;

	num_pack_be8(b, (uint64_t)n);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode);
	if (fd < 0)
		return 0;
	ok = fchmod(fd, mode) == 0 && pwrite(fd, b, sizeof b, 0) ==
	    (ssize_t)sizeof b;
	return close(fd) == 0 && ok;
}

/* removes the tmp files that a writer killed in afile_write left in
 * keys/prekeys/ (.NAME.tmp.RANDOM), once an hour old */
static void
tmp_sweep(char const *root)
{
	char path[4096], p2[4096 + 300];
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);
	DIR *d;

	if (!prekeyfile_path(path, sizeof path, root, NULL) ||
	    (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' || strstr(e->d_name, AFILE_TMP) == NULL)
			continue;
		snprintf(p2, sizeof p2, "%s/%s", path, e->d_name);
		if (lstat(p2, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_mtime + 3600 < now && unlink(p2) < 0 &&
		    errno != ENOENT)
			warn_sys("unable to remove a stale tmp file");
	}
	closedir(d);
}

/* once an hour: removes the counters of earlier days and hours, and
 * stale tmp files */
static void
rate_sweep(char const *root, uint64_t day, uint64_t hour)
{
	char path[4096], p2[4096 + 300], keep_d[NUM_FMT_MAX + 2];
	char keep_h[NUM_FMT_MAX + 2];
	long long last;
	struct dirent *e;
	DIR *d;

	if (!prekeyfile_path(path, sizeof path, root, "rate/swept"))
		return;
	last = rate_get(path);
	if (last >= 0 && (uint64_t)last == hour)
		return;
	keep_d[0] = 'd';
	num_fmt(keep_d + 1, day);
	strcat(keep_d, ".");
	keep_h[0] = 'h';
	num_fmt(keep_h + 1, hour);
	strcat(keep_h, ".");
	if (!prekeyfile_path(path, sizeof path, root, "rate") ||
	    (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if ((e->d_name[0] != 'd' && e->d_name[0] != 'h') ||
		    !strncmp(e->d_name, keep_d, strlen(keep_d)) ||
		    !strncmp(e->d_name, keep_h, strlen(keep_h)))
			continue;
		snprintf(p2, sizeof p2, "%s/%s", path, e->d_name);
		if (unlink(p2) < 0 && errno != ENOENT)
			warn_sys("unable to remove an old rate counter");
	}
	closedir(d);
	tmp_sweep(root);
	if (prekeyfile_path(path, sizeof path, root, "rate/swept"))
		(void)rate_put(path, (long long)hour, 0600);
}

/* login ADDRESS RECEIPT | login ADDRESS B64(n) KEYTEXT B64(sig) */
static int
login(struct conn *k, struct tok const *v, int n)
{
	struct keys_proof p;
	struct keyrec r;
	struct addr a;
	size_t got;
	int found, good = 0;

	memset(&p, 0, sizeof p);
	if (!addr_parse(&a, v[1].s, v[1].len) ||
	    !addr_in_domain(&a, k->c->domain))
		return 400;
	if (n == 3) {
		if (v[2].len != 2 * RECEIPT_LEN ||
		    !hexid_parse(p.rc, v[2].s, v[2].len))
			return 400;
		p.receipt = 1;
	} else if (!b64_decode(p.n, sizeof p.n, &got, v[2].s, v[2].len) ||
	    got != sizeof p.n || !key_parse(p.server_pk, v[3].s, v[3].len) ||
	    !b64_decode(p.sig, sizeof p.sig, &got, v[4].s, v[4].len) ||
	    got != sizeof p.sig)
		return 400;
	found = keytab_lookup(k->c->root, &a, &r);
	if (found < 0)
		return 451;
	if (found == 1 && r.state == KEYTAB_ACTIVE)
		good = p.receipt ? receipt_check(k->c->root, &a, r.pk, p.rc) :
		    proof_check(p.sig, sizeof p.sig, &a, p.server_pk, p.n,
		    r.pk);
	sodium_memzero(&p, sizeof p);
	if (!good)
		return 412;
	k->me = a;
	memcpy(k->pk, r.pk, RUNE_PK_LEN);
	k->authed = 1;
	answer_say("ok\n");
	return 0;
}

static void
say_count(struct prekeyset const *s, uint64_t now)
{
	char out[16 + 2 * NUM_FMT_MAX], a[NUM_FMT_MAX], b[NUM_FMT_MAX];
	uint64_t na;
	size_t n;

	prekeyset_count(s, now, &n, &na);
	num_fmt(a, n);
	num_fmt(b, na);
	snprintf(out, sizeof out, "ok %s %s\n", a, b);
	answer_say(out);
}

/* count: the own one-time count and L's not_after */
static int
count(struct conn *k)
{
	struct prekeyset s;
	int fd = prekeyfile_lock(k->c->root);

	if (fd < 0 || !prekeyfile_load(k->c->root, &k->me, &s)) {
		if (fd >= 0)
			close(fd);
		return 451;
	}
	close(fd);
	say_count(&s, clock_now());
	prekeyset_free(&s);
	return 0;
}

/* upload N, then 105 N octets: all or nothing; 1 go on, 0 the stream is
 * broken (the records were not read whole) */
static int
upload(struct conn *k, struct tok const *v, int *code)
{
	struct prekeyset s;
	unsigned char *recs;
	uint64_t n, now;
	size_t len;
	int fd, r;

	if (!num_parse(&n, v[1].s, v[1].len) || n < 1 ||
	    n > (uint64_t)k->c->prekeys + 1) {
		*code = 400;
		return 0;
	}
	len = (size_t)n * RUNE2_PREKEY_LEN;
	recs = malloc(len);
	if (recs == NULL) {
		*code = 451;
		return 0;
	}
	r = line_read_exact(&k->in, recs, len);
	if (r != 1) {
		free(recs);
		*code = -1;
		return 0;
	}
	fd = prekeyfile_lock(k->c->root);
	if (fd < 0 || !prekeyfile_load(k->c->root, &k->me, &s)) {
		if (fd >= 0)
			close(fd);
		free(recs);
		*code = 451;
		return 1;
	}
	now = clock_now();
	r = prekeyset_upload(&s, recs, (size_t)n, &k->me, k->pk, now,
	    k->c->prekeys);
	free(recs);
	if (r == 0 && !prekeyfile_save(k->c->root, &k->me, &s))
		r = 451;
	close(fd);
	if (r == 0)
		say_count(&s, now);
	prekeyset_free(&s);
	*code = r < 0 ? 451 : r;
	return 1;
}

/* take ADDRESS: the current L and, within the limits, one O removed
 * durably before the answer (A6: a limit gives L only, never 420) */
static int
take(struct conn *k, struct tok const *v, struct addr const *who)
{
	unsigned char last[RUNE2_PREKEY_LEN], one[RUNE2_PREKEY_LEN];
	char out[16 + 2 * B64_LEN(RUNE2_PREKEY_LEN)];
	char dpath[4096], hpath[4096];
	long long dn, hn;
	struct prekeyset s;
	struct keyrec r;
	struct addr a;
	uint64_t now, day, hour;
	int fd, found, has_one, limited, code;
	mode_t fm = jour_mode(k->c->root);
	size_t o;

	if (!addr_parse(&a, v[1].s, v[1].len) ||
	    !addr_in_domain(&a, k->c->domain))
		return 400;
	found = keytab_lookup(k->c->root, &a, &r);
	if (found < 0)
		return 451;
	if (found == 0 || r.state != KEYTAB_ACTIVE)
		return 404;
	now = clock_now();
	day = now / 86400;
	hour = now / 3600;
	fd = prekeyfile_lock(k->c->root);
	if (fd < 0)
		return 451;
	rate_sweep(k->c->root, day, hour);
	/* who asks: the logged-in address, counted a day; none on a permit
	 * (an anonymous session, cmd_token.c): the permit was the cost */
	if ((who && !rate_path(dpath, sizeof dpath, k->c->root, 'd', day,
	    who)) ||
	    !rate_path(hpath, sizeof hpath, k->c->root, 'h', hour, &a) ||
	    (dn = who ? rate_get(dpath) : 0) < 0 ||
	    (hn = rate_get(hpath)) < 0 ||
	    !prekeyfile_load(k->c->root, &a, &s)) {
		close(fd);
		return 451;
	}
	limited = dn >= k->c->prekey_perday || hn >= k->c->prekey_perhour;
	code = prekeyset_take(&s, now, limited, last, one, &has_one);
	if (code == 0 && ((who && dn < k->c->prekey_perday &&
	    !rate_put(dpath, dn + 1, fm)) || (hn < k->c->prekey_perhour &&
	    !rate_put(hpath, hn + 1, fm)))) {
		warn_sys("unable to count a prekey fetch");
		code = 451;
	}
	/* the one-time record leaves the file before anyone sees it */
	if (code == 0 && has_one && !prekeyfile_save(k->c->root, &a, &s))
		code = 451;
	close(fd);
	prekeyset_free(&s);
	if (code != 0) {
		sodium_memzero(one, sizeof one);
		return code;
	}
	memcpy(out, "ok ", 3);
	o = 3 + b64_encode(out + 3, last, sizeof last);
	if (has_one) {
		out[o++] = ' ';
		o += b64_encode(out + o, one, sizeof one);
	}
	memcpy(out + o, "\n", 2);
	answer_say(out);
	return 0;
}

int
prekeys_serve(struct conf const *c)
{
	struct tok v[FIELDS_MAX];
	struct conn k;
	size_t len;
	char *s;
	int n, code;

	memset(&k, 0, sizeof k);
	k.c = c;
	line_init(&k.in, read_in, NULL, REQ_MAX);
	for (;;) {
		switch (line_get(&k.in, &s, &len)) {
		case LINE_EOF:
			return RUNE_EXIT_OK;
		case LINE_ERR:
			die_sys(RUNE_EXIT_TEMP, "unable to read a request");
		case LINE_LONG:
			answer_err(400);
			return RUNE_EXIT_PERM;
		case LINE_OK:
			break;
		}
		n = tok_request(v, FIELDS_MAX, s, len, k.in.crlf);
		code = 400;
		/* the token writer's requests on the same connection
		 * (tokserve.c): one daemon for the key material */
		switch (tokens_request(c, &k.in, v, n, k.authed ? &k.me : NULL)) {
		case 1:
			continue;
		case -1:
			return RUNE_EXIT_PERM;
		}
		if (c->prekeys == 0) {
			/* control/prekeys is this helper's, whatever the
			 * session was told */
			warn("refused a request: control/prekeys is 0 (off)");
			answer_err(451);
			return RUNE_EXIT_PERM;
		}
		if (n >= 3 && n != 4 && n <= 5 && tok_word(&v[0], "login") &&
		    !k.authed) {
			code = login(&k, v, n);
			if (code == 0)
				continue;
		} else if (n == 1 && tok_word(&v[0], "count") && k.authed) {
			code = count(&k);
			if (code == 0)
				continue;
			answer_err(code);
			continue;
		} else if (n == 2 && tok_word(&v[0], "upload") && k.authed) {
			if (upload(&k, v, &code)) {
				if (code != 0)
					answer_err(code);
				continue;
			}
			if (code < 0)
				return RUNE_EXIT_TEMP;	/* caller gone */
		} else if (n == 5 && tok_word(&v[0], "take-permit")) {
			/* PREKEY on a permit (doc/protocol-v2.md 2.5): no
			 * login; the token writer's receipt of a REDEEM */
			struct addr pa;

			code = 400;
			if (addr_parse(&pa, v[1].s, v[1].len))
				code = tokens_permit_check(c, &pa, &v[2], &v[3],
				    &v[4]);
			if (code == 0)
				code = take(&k, v, NULL);
			if (code == 0)
				continue;
			if (code != 400) {
				answer_err(code);
				continue;
			}
		} else if (n == 2 && tok_word(&v[0], "take") && k.authed) {
			code = take(&k, v, &k.me);
			if (code == 0)
				continue;
			if (code != 400) {
				answer_err(code);
				continue;
			}
		}
		/* the stream can't be trusted any further */
		warn("refused a request (%s)", code == 412 ?
		    "login proof invalid" : k.authed || n < 1 ||
		    !tok_word(&v[0], "login") ? "malformed or before a login" :
		    "malformed");
		answer_err(code);
		return RUNE_EXIT_PERM;
	}
}
