/* 180-rune-tokens: the client's token layer in a scratch home
 * (rune/tokcaps.c, tokkey.c, tokstore.c; doc/protocol-v2.md 2.3, 2.4,
 * 2.7 C3, A3): the ANONSEND line parsed and pinned (a pinned line that
 * disappears or changes exits 100), the epoch, a token key pin read back
 * strictly, the token files (0600, counted, taken one at a time and
 * removed, never handed out twice, also not to two processes at once),
 * and the epochs past use cleaned. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "b64.h"
#include "hexid.h"
#include "tap.h"
#include "tokens.h"
#include "tokstore.h"

#define DAY 86400ULL
#define NOW 1800000000ULL	/* epoch 2976 of 7 days */

static struct home h;
static char dir[] = "/tmp/rune-tokens.XXXXXX";

static struct anoncaps
caps(char const *const *lines, int *good)
{
	struct anoncaps ac;

	memset(&ac, 0, sizeof ac);
	*good = 1;
	for (; *lines; lines++)
		if (!tokens_caps_line(&ac, *lines, strlen(*lines)))
			*good = 0;
	return ac;
}

/* the exit code of tokens_anonsend_pin(&h, ac) in a child; -1 returned */
static int
pin_exit(struct anoncaps const *ac)
{
	pid_t pid;
	int wst;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(1);
		(void)tokens_anonsend_pin(&h, ac);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &wst, 0) != pid || !WIFEXITED(wst))
		return -2;
	return WEXITSTATUS(wst);
}

static void
put(uint64_t epoch, unsigned char t[32])
{
	unsigned char y[VOPRF_OUT];

	randombytes_buf(t, 32);
	memset(y, t[0], sizeof y);
	tokstore_put(&h, epoch, t, y);
}

/* the files in tokens/REL */
static int
files(char const *rel)
{
	char path[4200];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "%s/tokens/%s", dir, rel);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

int
main(void)
{
	static char const *const demo[] = { "RUNE 1", "DOMAIN runedemo",
	    "MAXSIZE 10485760", "PREKEYS 200", "ANONSEND 16 4 7", "NOIDSEND",
	    "ok", NULL };
	static char const *const none[] = { "RUNE 1", "PREKEYS 200", NULL };
	static char const *const twice[] = { "ANONSEND 16 4 7",
	    "ANONSEND 16 4 7", NULL };
	static char const *const bad[][3] = {
		{ "ANONSEND 16 4", NULL }, { "ANONSEND 17 4 7", NULL },
		{ "ANONSEND 0 4 7", NULL }, { "ANONSEND 16 0 7", NULL },
		{ "ANONSEND 16 4 0", NULL }, { "ANONSEND 16 4 7 1", NULL },
		{ "ANONSEND 16 4 x", NULL }, { "ANONSEND 16 4 99999", NULL },
		{ "ANONSEND 16 4 +7", NULL },
	};
	static char const *const other[] = { "ANONSEND 16 3 7", NULL };
	static char const *const small[] = { "ANONSEND 2 4 7", NULL };
	char path[4200], line[300], cmd[4300];
	unsigned char t[4][32], pk[32], got[32], sig[64];
	struct token_held tk, tk2;
	struct anoncaps ac, ac2;
	struct stat st;
	size_t i, len;
	int good, taken, n;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL)
		bail("init");
	home_init(&h, dir);

	/* the line */
	ac = caps(demo, &good);
	ok(good && ac.batch == 16 && ac.perday == 4 && ac.epochdays == 7 &&
	    ac.noidsend, "the demo's lines: ANONSEND 16 4 7 and NOIDSEND");
	ac2 = caps(none, &good);
	ok(good && ac2.batch == 0 && !ac2.noidsend, "no ANONSEND: zeros");
	(void)caps(twice, &good);
	ok(!good, "two ANONSEND lines: malformed");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		(void)caps(bad[i], &good);
		ok(!good, "malformed: %s", bad[i][0]);
	}
	is_u64(tokens_epoch(&ac, NOW), NOW / (7 * DAY), "the epoch of NOW");
	is_u64(tokens_epoch(&ac, 7 * DAY - 1), 0, "the last second of 0");
	is_u64(tokens_epoch(&ac, 7 * DAY), 1, "the first second of 1");
	is_u64(tokens_epoch(&ac2, NOW), 0, "not offered: 0, no division");

	/* the pin (C3) */
	ok(tokens_anonsend_pin(&h, &ac2) == TOKENS_PIN_NONE,
	    "neither pinned nor offered: NONE");
	snprintf(path, sizeof path, "%s/tokens/anonsend", dir);
	ok(stat(path, &st) != 0, "and nothing pinned");
	ok(tokens_anonsend_pin(&h, &ac) == TOKENS_PIN_NEW, "offered: NEW");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "pinned in tokens/anonsend, 0600");
	snprintf(path, sizeof path, "%s/tokens", dir);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "tokens/ is 0700");
	ok(tokens_anonsend_pin(&h, &ac) == TOKENS_PIN_SAME, "again: SAME");
	is_u64((uint64_t)pin_exit(&ac2), 100, "the pinned line gone: exit 100");
	ac2 = caps(other, &good);
	is_u64((uint64_t)pin_exit(&ac2), 100, "the line changed: exit 100");
	ok(tokens_anonsend_pin(&h, &ac) == TOKENS_PIN_SAME,
	    "the pin is unchanged by both");

	/* a token key pin */
	ok(!tokens_pinned(&h, 2976, got), "no key pinned for 2976");
	crypto_core_ristretto255_random(pk);
	randombytes_buf(sig, sizeof sig);
	len = (size_t)snprintf(line, sizeof line, "2976 ");
	len += b64_encode(line + len, pk, sizeof pk);
	line[len++] = ' ';
	b64_encode(line + len, sig, sizeof sig);
	home_write_line(&h, "tokens", "key.2976", line);
	ok(tokens_pinned(&h, 2976, got) && !memcmp(got, pk, 32),
	    "the pinned key read back");
	ok(!tokens_pinned(&h, 2975, got), "none for 2975");
	home_write_line(&h, "tokens", "key.2975", line);
	{
		pid_t pid;
		int wst;

		fflush(stdout);
		if ((pid = fork()) == 0) {
			if (freopen("/dev/null", "w", stderr) == NULL)
				_exit(1);
			(void)tokens_pinned(&h, 2975, got);
			_exit(0);
		}
		ok(pid > 0 && waitpid(pid, &wst, 0) == pid &&
		    WIFEXITED(wst) && WEXITSTATUS(wst) == 100,
		    "a pin naming another epoch: exit 100");
	}
	is_u64((uint64_t)tokens_unpin_keys(&h), 2, "unpin: two key pins gone");
	ok(!tokens_pinned(&h, 2976, got), "none for 2976 now");

	/* the store */
	is_u64(tokens_count(&h, &ac, NOW), 0, "no tokens held");
	ok(!tokens_take(&h, &ac, NOW, &tk), "none to take");
	put(2976, t[0]);
	put(2976, t[1]);
	put(2975, t[2]);
	put(2974, t[3]);
	{
		char hex[65];

		hexid_fmt(hex, t[0]);
		snprintf(path, sizeof path, "%s/tokens/2976/%s", dir, hex);
	}
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600 &&
	    st.st_size == 96, "a token file: 96 octets, 0600");
	snprintf(path, sizeof path, "%s/tokens/2976", dir);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "its directory 0700");
	is_u64(tokstore_held(&h, 2976), 2, "two held of 2976");
	is_u64(tokens_count(&h, &ac, NOW), 3,
	    "three usable now (2976 and 2975, not 2974)");
	ok(tokens_take(&h, &ac, NOW, &tk) && tk.epoch == 2975 &&
	    !memcmp(tk.t, t[2], 32) && tk.y[0] == t[2][0] &&
	    tk.y[63] == t[2][0], "the oldest usable epoch's token first");
	ok(files("2975") == 0, "its file is gone");
	ok(tokens_take(&h, &ac, NOW, &tk) && tk.epoch == 2976, "then 2976");
	ok(tokens_take(&h, &ac, NOW, &tk2) && tk2.epoch == 2976 &&
	    memcmp(tk.t, tk2.t, 32) != 0, "then the other one of 2976");
	ok(!tokens_take(&h, &ac, NOW, &tk), "then none (2974 is past use)");
	is_u64(tokens_count(&h, &ac, NOW), 0, "none usable");

	/* two processes taking at once: every token handed out once */
	for (n = 0; n < 40; n++)
		put(2976, t[0]);
	fflush(stdout);
	{
		pid_t pid[4];
		int k, wst, sum = 0;

		for (k = 0; k < 4; k++)
			if ((pid[k] = fork()) == 0) {
				char out[64];
				FILE *f;

				snprintf(out, sizeof out, "%s/taken.%d", dir,
				    k);
				if ((f = fopen(out, "w")) == NULL)
					_exit(1);
				while (tokens_take(&h, &ac, NOW, &tk)) {
					char hex[65];

					hexid_fmt(hex, tk.t);
					fprintf(f, "%s\n", hex);
				}
				_exit(fclose(f) == 0 ? 0 : 1);
			}
		for (k = 0; k < 4; k++)
			if (pid[k] < 0 || waitpid(pid[k], &wst, 0) != pid[k] ||
			    !WIFEXITED(wst) || WEXITSTATUS(wst) != 0)
				sum = -1000;
		snprintf(cmd, sizeof cmd, "cat %s/taken.* | sort | uniq | "
		    "wc -l > %s/uniq; cat %s/taken.* | wc -l > %s/all", dir,
		    dir, dir, dir);
		taken = system(cmd) == 0 ? 0 : -1;
		for (k = 0; k < 2 && taken == 0; k++) {
			FILE *f;
			int v;

			snprintf(path, sizeof path, "%s/%s", dir,
			    k ? "all" : "uniq");
			if ((f = fopen(path, "r")) == NULL ||
			    fscanf(f, "%d", &v) != 1)
				taken = -1;
			else
				sum += k ? 1000 * v : v;
			if (f)
				fclose(f);
		}
		is_u64((uint64_t)(sum + taken), 40040,
		    "four processes took 40 tokens, each once");
	}

	/* the epochs past use */
	ac2 = caps(small, &good);
	put(2977, t[0]);
	home_write_line(&h, "tokens", "key.2974", line);
	home_write_line(&h, "tokens", "key.2975", line);
	home_write_line(&h, "tokens", "conflict.2974.1", line);
	tokstore_clean(&h, &ac, NOW + 7 * DAY);	/* epoch 2977 */
	ok(files("2974") == -1 && files("2975") == -1,
	    "epochs 2974 and 2975 gone at 2977");
	ok(files("2976") == 0 && files("2977") == 1, "2976 and 2977 kept");
	snprintf(path, sizeof path, "%s/tokens/key.2975", dir);
	ok(stat(path, &st) != 0, "the key pin of 2975 gone");
	snprintf(path, sizeof path, "%s/tokens/conflict.2974.1", dir);
	ok(stat(path, &st) == 0, "the evidence kept");
	(void)ac2;

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		bail("rm");
	return done();
}
