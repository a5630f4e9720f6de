/* tokens.c: the token writer's state (tokens.h): epoch keys, the spent
 * set, the issuance counter, the per-receiver cap.  Every file is the
 * owner's, 0600, in directories 0700. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "afile.h"
#include "clock.h"
#include "die.h"
#include "keys.h"
#include "keytab.h"
#include "num.h"
#include "token.h"
#include "tokens.h"
#include "writeall.h"

#define PATH_MAX_TOK	1400

/* "dir/a" or "dir/a/b" into out; 1 fits */
static int
pathf(char *out, char const *dir, char const *a, char const *b)
{
	int n = b ? snprintf(out, PATH_MAX_TOK, "%s/%s/%s", dir, a, b) :
	    snprintf(out, PATH_MAX_TOK, "%s/%s", dir, a);

	return n > 0 && n < PATH_MAX_TOK;
}

static int
sync_dir(char const *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ok;

	if (fd < 0)
		return 0;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* mkdir 0700 when missing (and its parent synced); 1 there */
static int
subdir(char const *path, char const *parent)
{
	if (mkdir(path, 0700) == 0)
		return sync_dir(parent);
	return errno == EEXIST;
}

/* reads exactly n octets of path: 1 read, 0 absent, -1 error */
static int
read_file(char const *path, unsigned char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t have;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	have = readall(fd, buf, n);
	close(fd);
	if (have != n) {
		errno = EPROTO;
		return -1;
	}
	return 1;
}

/* writes buf[0..n) as path, 0600, atomically (tmp, fsync, then link or
 * rename, fsync dir): over an existing path when over is 1, else never
 * (link: 1 also when it is there already); 1 written, 0 error */
static int
write_tmp(char const *dir, char const *path, void const *buf, size_t n,
    int over)
{
	char tmp[PATH_MAX_TOK + 32];
	int fd, ok;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >=
	    (int)sizeof tmp)
		return 0;
	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	ok = write(fd, buf, n) == (ssize_t)n && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (ok && over && rename(tmp, path) < 0)
		ok = 0;
	if (ok && !over && link(tmp, path) < 0 && errno != EEXIST)
		ok = 0;
	if (!ok || !over)
		(void)unlink(tmp);
	return ok && sync_dir(dir);
}

int
tokens_open(struct tokd *t, struct conf const *c)
{
	char p[PATH_MAX_TOK], keys[PATH_MAX_TOK];
	static char const *const subs[] = { "key", "spent", "day", "cap" };
	unsigned char s[32];
	size_t i;
	int r;

	memset(t, 0, sizeof *t);
	t->c = *c;
	if (!pathf(keys, c->root, "keys", NULL) ||
	    !pathf(t->dir, c->root, "keys/tokens", NULL)) {
		warn("$RUNE_ROOT too long");
		return 0;
	}
	if (!subdir(t->dir, keys))
		goto fail;
	for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (!pathf(p, t->dir, subs[i], NULL) || !subdir(p, t->dir))
			goto fail;
	if (!pathf(p, t->dir, "salt", NULL))
		goto fail;
	r = read_file(p, t->salt, sizeof t->salt);
	if (r == 0) {
		randombytes_buf(s, sizeof s);
		if (!write_tmp(t->dir, p, s, sizeof s, 0))
			goto fail;
		sodium_memzero(s, sizeof s);
		r = read_file(p, t->salt, sizeof t->salt);
	}
	if (r != 1)
		goto fail;
	return 1;
fail:
	warn_sys("unable to set up %s", t->dir);
	return 0;
}

uint64_t
tokens_epoch(struct tokd const *t)
{
	return t->now / ((uint64_t)t->c.anon_epochdays * 86400);
}

/* the name of an entry that is a number; 1 and *n set */
static int
numbered(char const *name, uint64_t *n)
{
	return name[0] != '.' && strspn(name, "0123456789") ==
	    strlen(name) && num_parse(n, name, strlen(name));
}

/* removes dir/sub/NAME (a file, or a directory of files) for every
 * number NAME below lt; 1 done */
static int
drop_below(struct tokd *t, char const *sub, uint64_t lt)
{
	char d[PATH_MAX_TOK], p[PATH_MAX_TOK], f[PATH_MAX_TOK];
	struct dirent *e, *e2;
	DIR *dp, *dp2;
	uint64_t n;
	int ok = 1, any = 0;

	if (!pathf(d, t->dir, sub, NULL) || !(dp = opendir(d)))
		return 0;
	while ((e = readdir(dp)) != NULL) {
		if (!numbered(e->d_name, &n) || n >= lt ||
		    !pathf(p, d, e->d_name, NULL))
			continue;
		any = 1;
		if (unlink(p) == 0 || errno == ENOENT)
			continue;
		if (errno != EISDIR && errno != EPERM) {
			ok = 0;
			continue;
		}
		if ((dp2 = opendir(p)) == NULL) {
			ok = ok && errno == ENOENT;
			continue;
		}
		while ((e2 = readdir(dp2)) != NULL)
			if (strcmp(e2->d_name, ".") && strcmp(e2->d_name, "..") &&
			    pathf(f, p, e2->d_name, NULL) && unlink(f) < 0 &&
			    errno != ENOENT)
				ok = 0;
		closedir(dp2);
		if (rmdir(p) < 0 && errno != ENOENT && errno != ENOTEMPTY)
			ok = 0;
	}
	closedir(dp);
	return ok && (!any || sync_dir(d));
}

void
tokens_clean(struct tokd *t)
{
	uint64_t e = tokens_epoch(t);

	/* A11: an epoch's key goes before its spent directory, so no key
	 * ever lives without the set of what it spent */
	if (e >= 2 && drop_below(t, "key", e - 1))
		(void)drop_below(t, "spent", e - 1);
	(void)drop_below(t, "day", t->now / 86400);
	(void)drop_below(t, "cap", t->now / 3600);
}

/* the highest epoch a key was made for (keys/tokens/high); 1, 0 none,
 * -1 error */
static int
high_get(struct tokd *t, uint64_t *h)
{
	char p[PATH_MAX_TOK], buf[NUM_FMT_MAX + 2];
	size_t len;
	int r;

	if (!pathf(p, t->dir, "high", NULL))
		return -1;
	r = afile_read(p, buf, sizeof buf, &len);
	if (r <= 0)
		return r;
	if (!num_parse(h, buf, len)) {
		errno = EPROTO;
		return -1;
	}
	return 1;
}

int
tokens_key(struct tokd *t, uint64_t e, int create,
    unsigned char sk[VOPRF_SCALAR], unsigned char pk[VOPRF_ELEM])
{
	char p[PATH_MAX_TOK], kd[PATH_MAX_TOK], name[NUM_FMT_MAX], lk[PATH_MAX_TOK];
	uint64_t now = tokens_epoch(t), h;
	unsigned char s[VOPRF_SCALAR];
	int r, fd, code = 451;

	if (e != now && !(now > 0 && e == now - 1))
		return 417;
	num_fmt(name, e);
	if (!pathf(kd, t->dir, "key", NULL) || !pathf(p, kd, name, NULL) ||
	    !pathf(lk, t->dir, "lock", NULL))
		return 451;
	r = read_file(p, sk, VOPRF_SCALAR);
	if (r == 0 && (!create || e != now))
		return 417;
	if (r == 0) {
		/* one maker at a time: the check of the highest epoch and
		 * the new key are one step */
		fd = open(lk, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || flock(fd, LOCK_EX) < 0) {
			warn_sys("unable to lock %s", lk);
			if (fd >= 0)
				close(fd);
			return 451;
		}
		r = read_file(p, sk, VOPRF_SCALAR);
		if (r == 0) {
			int hr = high_get(t, &h);

			if (hr < 0)
				goto unlock;
			if (hr == 1 && e <= h) {
				/* A11: the clock went back */
				warn("no token key made for epoch %s: a key "
				    "was made for a later one (clock set "
				    "back?)", name);
				code = 417;
				goto unlock;
			}
			voprf_random_scalar(s);
			if (!write_tmp(kd, p, s, sizeof s, 0)) {
				sodium_memzero(s, sizeof s);
				goto unlock;
			}
			sodium_memzero(s, sizeof s);
			if (!pathf(lk, t->dir, "high", NULL) ||
			    !write_tmp(t->dir, lk, name, strlen(name), 1))
				goto unlock;
			r = read_file(p, sk, VOPRF_SCALAR);
		}
		code = 0;
unlock:
		close(fd);
		if (code != 0)
			return code;
	}
	if (r != 1 || !voprf_scalar_ok(sk) ||
	    crypto_scalarmult_ristretto255_base(pk, sk) != 0) {
		warn_sys("unable to read the token key of epoch %s", name);
		sodium_memzero(sk, VOPRF_SCALAR);
		return 451;
	}
	return 0;
}

/* the hex name of a's counter: BLAKE2b-128 keyed with the salt */
static void
counter_name(struct tokd const *t, char out[33], char const *what,
    struct addr const *a)
{
	unsigned char h[16];
	crypto_generichash_state st;

	crypto_generichash_init(&st, t->salt, sizeof t->salt, sizeof h);
	crypto_generichash_update(&st, (unsigned char const *)what,
	    strlen(what) + 1);
	crypto_generichash_update(&st, (unsigned char const *)a->s, a->len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, 33, h, sizeof h);
}

/* takes one of max slots sub/PERIOD/NAME.k (O_EXCL, then the directory
 * synced): 1 taken (*k), 0 all taken, -1 error */
static int
claim(struct tokd *t, char const *sub, uint64_t period, char const *name,
    unsigned max, unsigned *k, char *slot)
{
	char d[PATH_MAX_TOK], pd[PATH_MAX_TOK], num[NUM_FMT_MAX], f[80];
	unsigned lo, hi;
	int fd;

	num_fmt(num, period);
	if (!pathf(d, t->dir, sub, num) || !pathf(pd, t->dir, sub, NULL) ||
	    !subdir(d, pd))
		return -1;
	/* slots fill from 1 up: the first free one by bisection (a cap of
	 * 100 is 7 stats, not 100 opens), then O_EXCL from there */
	lo = 1;
	hi = max + 1;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		struct stat st;

		snprintf(f, sizeof f, "%s.%u", name, mid);
		if (!pathf(slot, d, f, NULL))
			return -1;
		if (lstat(slot, &st) == 0)
			lo = mid + 1;
		else if (errno == ENOENT)
			hi = mid;
		else
			return -1;
	}
	for (*k = lo; *k <= max; (*k)++) {
		snprintf(f, sizeof f, "%s.%u", name, *k);
		if (!pathf(slot, d, f, NULL))
			return -1;
		fd = open(slot, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
			return sync_dir(d) ? 1 : -1;
		}
		if (errno != EEXIST)
			return -1;
	}
	return 0;
}

int
tokens_issue(struct tokd *t, struct addr const *a, uint64_t e,
    unsigned char const B[][VOPRF_ELEM], size_t n,
    unsigned char Z[][VOPRF_ELEM], unsigned char proof[VOPRF_PROOF])
{
	unsigned char sk[VOPRF_SCALAR], pk[VOPRF_ELEM];
	char name[33], slot[PATH_MAX_TOK];
	struct keyrec r;
	unsigned k, perday;
	size_t i;
	int code, found;

	if (e != tokens_epoch(t))
		return 417;
	if (n != t->c.anon_batch)
		return 400;
	for (i = 0; i < n; i++)
		if (!voprf_element_ok(B[i]))
			return 400;
	if (!addr_in_domain(a, t->c.domain))
		return 400;
	/* a disabled address gets no more tokens (A9) */
	found = keytab_lookup(t->c.root, a, &r);
	if (found < 0)
		return 451;
	if (found == 0 || r.state != KEYTAB_ACTIVE)
		return 411;
	/* Sybils (2.9): none in an address's first anon_wait seconds, and
	 * the day's batches by how it was registered (unknown: an address
	 * from before registrations were recorded, or loaded) */
	if (r.since != 0 && (t->now < r.since ||
	    t->now - r.since < t->c.anon_wait))
		return TOK_TOO_NEW;
	perday = r.how == KEYREC_REG_OPEN ? t->c.anon_perday_open :
	    r.how == KEYREC_REG_INVITE ? t->c.anon_perday_invite :
	    t->c.anon_perday;
	if (perday == 0)
		return 420;
	tokens_clean(t);
	code = tokens_key(t, e, 1, sk, pk);
	if (code != 0)
		return code;
	counter_name(t, name, "day", a);
	switch (claim(t, "day", t->now / 86400, name, perday, &k,
	    slot)) {
	case 0:
		code = 420;
		goto out;
	case -1:
		warn_sys("unable to count a batch");
		code = 451;
		goto out;
	}
	if (!voprf_blind_evaluate(Z, proof, sk, pk, B, n, NULL)) {
		(void)unlink(slot);
		code = 451;
		goto out;
	}
	code = 0;
out:
	sodium_memzero(sk, sizeof sk);
	return code;
}

/* the spent entry of t under e: spent/E/HEX(t) */
static int
spent_path(struct tokd *t, uint64_t e, unsigned char const *tk, char *d,
    char *p)
{
	char num[NUM_FMT_MAX], hex[2 * RUNE2_TOKEN_T_LEN + 1], sp[PATH_MAX_TOK];

	num_fmt(num, e);
	sodium_bin2hex(hex, sizeof hex, tk, RUNE2_TOKEN_T_LEN);
	return pathf(sp, t->dir, "spent", NULL) &&
	    pathf(d, t->dir, "spent", num) && pathf(p, d, hex, NULL) &&
	    subdir(d, sp);
}

/* spends: O_CREAT|O_EXCL, its mtime set to the epoch's start (2.8), the
 * file and the directory synced; 1 spent, 0 spent already, -1 error */
static int
spend(struct tokd *t, uint64_t e, char const *d, char const *p)
{
	struct timespec ts[2];
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	ts[0].tv_sec = ts[1].tv_sec = (time_t)(e *
	    ((uint64_t)t->c.anon_epochdays * 86400));
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if (futimens(fd, ts) < 0 || fsync(fd) < 0) {
		close(fd);
		(void)unlink(p);
		return -1;
	}
	if (close(fd) < 0 || !sync_dir(d))
		return -1;
	return 1;
}

int
tokens_redeem(struct tokd *t, struct addr const *rcpt, uint64_t e,
    unsigned char const tm[64])
{
	unsigned char sk[VOPRF_SCALAR], pk[VOPRF_ELEM];
	char d[PATH_MAX_TOK], p[PATH_MAX_TOK], slot[PATH_MAX_TOK], name[33];
	struct keyrec r;
	struct stat st;
	unsigned k;
	int code, found, ok;

	/* 1: the session answered syntax and domain; again here */
	if (!addr_in_domain(rcpt, t->c.domain))
		return 400;
	code = tokens_key(t, e, 0, sk, pk);
	if (code != 0)
		return code;
	/* 2: the mac, keyed with y' = Evaluate(skT, x) */
	ok = token_mac_check(tm + RUNE2_TOKEN_T_LEN, sk, t->c.domain, rcpt, e,
	    tm);
	sodium_memzero(sk, sizeof sk);
	if (!ok)
		return 417;
	/* 3: spent already */
	if (!spent_path(t, e, tm, d, p))
		return 451;
	if (lstat(p, &st) == 0)
		return 417;
	if (errno != ENOENT)
		return 451;
	/* 4: the receiver.  Unknown or not active: the token is spent
	 * (A8), then 404.  A per-receiver limit: 420, unspent (A6). */
	found = keytab_lookup(t->c.root, rcpt, &r);
	if (found < 0)
		return 451;
	if (found == 0 || r.state != KEYTAB_ACTIVE) {
		switch (spend(t, e, d, p)) {
		case 1:
			return 404;
		case 0:
			return 417;
		default:
			return 451;
		}
	}
	/* no valid last-resort prekey: 418, unspent (A6) */
	switch (prekeys_lastresort(t->c.root, rcpt, t->now)) {
	case 0:
		return 418;
	case -1:
		return 451;
	}
	tokens_clean(t);
	counter_name(t, name, "cap", rcpt);
	switch (claim(t, "cap", t->now / 3600, name, t->c.anon_cap, &k,
	    slot)) {
	case 0:
		return 420;
	case -1:
		warn_sys("unable to count a redemption");
		return 451;
	}
	/* 5: spend; a race lost is 417 and gives its slot back */
	switch (spend(t, e, d, p)) {
	case 1:
		return 0;
	case 0:
		(void)unlink(slot);
		return 417;
	default:
		(void)unlink(slot);
		warn_sys("unable to spend a token");
		return 451;
	}
}

void
tokens_permit(struct tokd *t, unsigned char pm[TOKENS_PERMIT_LEN],
    struct addr const *rcpt, uint64_t e, unsigned char const *tk)
{
	crypto_generichash_state st;
	unsigned char be[8];
	int i;

	for (i = 0; i < 8; i++)
		be[i] = (unsigned char)(e >> (56 - 8 * i));
	crypto_generichash_init(&st, t->salt, sizeof t->salt,
	    TOKENS_PERMIT_LEN);
	crypto_generichash_update(&st, (unsigned char const *)"permit", 7);
	crypto_generichash_update(&st, (unsigned char const *)rcpt->s,
	    rcpt->len + 1);
	crypto_generichash_update(&st, be, sizeof be);
	crypto_generichash_update(&st, tk, RUNE2_TOKEN_T_LEN);
	crypto_generichash_final(&st, pm, TOKENS_PERMIT_LEN);
}

int
tokens_permit_use(struct tokd *t, struct addr const *rcpt, uint64_t e,
    unsigned char const *tk, unsigned char const pm[TOKENS_PERMIT_LEN])
{
	unsigned char want[TOKENS_PERMIT_LEN];
	char d[PATH_MAX_TOK], p[PATH_MAX_TOK], pp[PATH_MAX_TOK + 4];
	struct stat st;
	int ok, fd;

	tokens_permit(t, want, rcpt, e, tk);
	ok = sodium_memcmp(want, pm, sizeof want) == 0;
	sodium_memzero(want, sizeof want);
	if (!ok)
		return 417;
	if (!spent_path(t, e, tk, d, p))
		return 451;
	if (lstat(p, &st) < 0)
		return errno == ENOENT ? 417 : 451;
	snprintf(pp, sizeof pp, "%s.p", p);
	fd = open(pp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno == EEXIST ? 417 : 451;
	if (fsync(fd) < 0 || close(fd) < 0 || !sync_dir(d))
		return 451;
	return 0;
}
