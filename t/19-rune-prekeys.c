/* 19-rune-prekeys: the receiver's prekey secrets in a scratch home
 * (rune/prekeys.c; doc/protocol-v2.md 3.3, 3.4, A2, A10): made before
 * the record, 0600, found by key and kind, a damaged file refused,
 * deleted with the replay list of an L, counted, expired at not_after +
 * EXPIRY + 1 day used or not, the replay list, and the login plan
 * (rotate L at 7 days, refill one-time keys below a quarter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "prekey.h"
#include "prekeys.h"
#include "tap.h"

#define NOW 1800000000ULL
#define DAY 86400ULL

int
main(void)
{
	char dir[] = "/tmp/rune-prekeys.XXXXXX", path[4200], cmd[4300];
	unsigned char pk[32], sk[64], rl[105], ro[105], sec[32], pub[32];
	unsigned char hash[32];
	struct home h;
	struct addr me;
	struct prekey p;
	struct stat st;
	uint64_t na, newest;
	size_t n;
	int want;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL ||
	    !addr_parse(&me, "bob@runetest", 12))
		bail("init");
	home_init(&h, dir);
	crypto_sign_keypair(pk, sk);

	prekeys_make(&h, RUNE2_KIND_LASTRESORT, NOW + 14 * DAY, &me, sk, rl);
	prekeys_make(&h, RUNE2_KIND_ONETIME, NOW + 30 * DAY, &me, sk, ro);
	ok(prekey_parse(&p, rl, &me, pk) && p.kind == 'L' &&
	    p.not_after == NOW + 14 * DAY, "the L record verifies");
	ok(prekey_parse(&p, ro, &me, pk) && p.kind == 'O',
	    "the O record verifies");
	ok(prekeys_secret(&h, 'O', ro + 1, sec, &na) && na == NOW + 30 * DAY &&
	    crypto_scalarmult_base(pub, sec) == 0 && !memcmp(pub, ro + 1, 32),
	    "the O secret is held and gives its key");
	ok(!prekeys_secret(&h, 'L', ro + 1, sec, &na),
	    "not under the other kind");
	snprintf(path, sizeof path, "%s/prekeys/O.", dir);
	{
		char hex[65];
		size_t i;

		for (i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", ro[1 + i]);
		strncat(path, hex, sizeof path - strlen(path) - 1);
	}
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the secret file is 0600");
	is_u64(prekeys_count(&h, 'O', NOW, &newest), 1, "one O held");
	is_u64(prekeys_count(&h, 'L', NOW, &newest), 1, "one L held");
	ok(newest == NOW + 14 * DAY, "its not_after");

	/* A2: the replay list of an L */
	randombytes_buf(hash, sizeof hash);
	ok(prekeys_replayed(&h, rl + 1, hash) == 0, "a new hash: not a replay");
	ok(prekeys_replayed(&h, rl + 1, hash) == 1, "the same again: a replay");

	/* the login plan */
	prekeys_plan(&h, NOW, 200, 49, &want, &n);
	ok(!want && n == 151, "fresh L, 49 of 200 on the server: no L, 151 O");
	prekeys_plan(&h, NOW, 200, 50, &want, &n);
	ok(!want && n == 0, "50 of 200: nothing");
	prekeys_plan(&h, NOW + 7 * DAY, 200, 50, &want, &n);
	ok(want, "the newest L 7 days old: a new L");
	prekeys_plan(&h, NOW + 7 * DAY - 1, 200, 50, &want, &n);
	ok(!want, "a second before: not yet");

	/* A10: deleted at not_after + EXPIRY + 1 day, used or not */
	is_u64(prekeys_expire(&h, NOW + 14 * DAY + 31 * DAY - 1, 30), 0,
	    "a second before L's deletion time: nothing");
	is_u64(prekeys_expire(&h, NOW + 14 * DAY + 31 * DAY, 30), 1,
	    "at not_after + 30 + 1 days: the L goes");
	ok(prekeys_replayed(&h, rl + 1, hash) == 0,
	    "and its replay list with it");
	is_u64(prekeys_expire(&h, NOW + 30 * DAY + 31 * DAY, 30), 1,
	    "the unused O goes at its time");
	is_u64(prekeys_count(&h, 'O', NOW, &newest), 0, "none left");

	/* forget; a damaged file */
	prekeys_make(&h, RUNE2_KIND_ONETIME, NOW + DAY, &me, sk, ro);
	ok(prekeys_forget(&h, 'O', ro + 1) == 1, "forget: deleted");
	ok(prekeys_forget(&h, 'O', ro + 1) == 0, "forget again: not held");
	prekeys_make(&h, RUNE2_KIND_ONETIME, NOW + DAY, &me, sk, ro);
	{
		char hex[65];
		size_t i;
		FILE *f;
		int c;

		for (i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", ro[1 + i]);
		snprintf(path, sizeof path, "%s/prekeys/O.%s", dir, hex);

		/* its first octet flipped (writing a fixed 0x55 left one
		 * file in 256 undamaged, and the test failed) */
		f = fopen(path, "r+b");
		ok(f != NULL && (c = fgetc(f)) != EOF &&
		    fseek(f, 0, SEEK_SET) == 0 && fputc(c ^ 0xff, f) != EOF &&
		    fclose(f) == 0, "damage a secret file");
	}
	{
		pid_t pid = fork();
		int wst;

		if (pid == 0) {
			if (freopen("/dev/null", "w", stderr) == NULL)
				_exit(1);
			prekeys_secret(&h, 'O', ro + 1, sec, &na);
			_exit(0);
		}
		ok(pid > 0 && waitpid(pid, &wst, 0) == pid && WIFEXITED(wst) &&
		    WEXITSTATUS(wst) == 100,
		    "a secret that does not give its key: exit 100");
	}
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		bail("rm");
	return done();
}
