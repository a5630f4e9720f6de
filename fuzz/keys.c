/* keys.c: fuzz target: rune-keys's input and the key table's records.
 * rune-keys runs in process (its main built as rune_keys_main; die()
 * jumps back, fuzz/die.c) over a scratch domain put back before each
 * input: alice active, dave disabled, erin reserved, a token for carol.
 * Octet 0 picks:
 *   0  a request: the first line is argv (at most 3 words after
 *      "rune-keys"), the rest stdin (a key, a token and a key; or the
 *      prekey protocol's lines for "prekeys", control/prekeys 4);
 *   1  the input is keys/keys.cdb;
 *   2  the input is journal records, each [n][name][m][value]: the
 *      files keys/pending/NAME, then a merge;
 *   3  the input is keys/txn, the transaction a crash left;
 * then the table is read back: lookups, tokens, every record. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cdb.h>
#include <sodium.h>

#include "fuzz.h"
#include "fuzzdie.h"
#include "key.h"
#include "keys.h"
#include "keytab.h"

#define TOKEN "0123456789abcdef0123456789abcdef" \
	"0123456789abcdef0123456789abcdef"

int rune_keys_main(int argc, char **argv);

#define CAROL	"carol@" FUZZ_DOMAIN

static char const *root;
static unsigned char *cdb0;		/* keys.cdb as made at the start */
static size_t cdb0len;
static char bobkey[RUNE_KEY_TEXT_LEN + 2];	/* bob's key text, LF */

static void
make_table(void)
{
	struct cdb_make m;
	struct stat sb;
	int fd = fuzz_table_start(&m);

	fuzz_table_addr(&m, "alice@" FUZZ_DOMAIN, KEYREC_ACTIVE, 3);
	fuzz_table_addr(&m, "dave@" FUZZ_DOMAIN, KEYREC_DISABLED, 4);
	fuzz_table_addr(&m, "erin@" FUZZ_DOMAIN, KEYREC_RESERVED, 0);
	fuzz_table_token(&m, CAROL, TOKEN);
	if (cdb_make_finish(&m) != 0 || fstat(fd, &sb) < 0)
		abort();
	cdb0len = (size_t)sb.st_size;
	cdb0 = malloc(cdb0len);
	if (!cdb0 || pread(fd, cdb0, cdb0len, 0) != (ssize_t)cdb0len)
		abort();
	close(fd);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];

	(void)argc;
	(void)argv;
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		abort();
	root = fuzz_scratch();
	if (setenv("RUNE_ALLOW_ROOT", "1", 1) < 0 ||
	    setenv("RUNE_MERGE_PENDING", "0", 1) < 0 ||
	    !fuzz_put(root, "control/prekeys", "4\n", 2))
		abort();
	fuzz_path(path, sizeof path, "keys");
	if (mkdir(path, 0700) < 0)
		abort();
	make_table();
	{
		unsigned char pk[32], sk[64];

		fuzz_keypair(4, pk, sk);
		key_fmt(bobkey, pk);
		strcat(bobkey, "\n");
	}
	return 0;
}

static void
reset(void)
{
	char path[4096];

	fuzz_path(path, sizeof path, "keys");
	if (!fuzz_empty(path) ||
	    !fuzz_put(root, KEYREC_CDB, cdb0, cdb0len))
		abort();
}

struct argv {
	char **v;
	int n;
};

static int
keys_main(void *arg)
{
	struct argv *a = arg;

	return rune_keys_main(a->n, a->v);
}

/* runs rune-keys with argv v[0..n) and stdin in[0..len); its exit code */
static int
run(char **v, int n, uint8_t const *in, size_t len)
{
	struct argv a = { v, n };
	int code = fuzz_run(keys_main, &a, in, len);

	if (code != 0 && code != 100 && code != 111 &&
	    (code < KEYEXIT_TAKEN || code > KEYEXIT_STATE))
		__builtin_trap();
	return code;
}

static void
request(uint8_t const *p, size_t n)
{
	char line[256], *v[6], *save = NULL, *w;
	uint8_t const *nl = memchr(p, '\n', n);
	size_t len = nl ? (size_t)(nl - p) : n;
	int argc = 0;

	if (len >= sizeof line)
		return;
	memcpy(line, p, len);
	line[len] = '\0';
	v[argc++] = "rune-keys";
	for (w = strtok_r(line, " ", &save); w && argc < 5;
	    w = strtok_r(NULL, " ", &save))
		v[argc++] = w;
	v[argc] = NULL;
	/* load reads stdin with getline: a refusal there leaks its line
	 * (die jumps out); its parsers are the address and key ones */
	if (argc > 1 && !strcmp(v[1], "load"))
		return;
	/* daemon listens and serves until a signal: not a request (the
	 * prekey protocol it serves is the session target's, and prekeys
	 * below) */
	if (argc > 1 && !strcmp(v[1], "daemon"))
		return;
	run(v, argc, nl ? nl + 1 : p + n, nl ? n - len - 1 : 0);
}

static void
journal(uint8_t const *p, size_t n)
{
	char name[256], rel[300];
	size_t pos = 0;

	fuzz_path(rel, sizeof rel, "" KEYREC_PENDING);
	if (mkdir(rel, 0700) < 0)
		abort();
	while (pos < n) {
		size_t nl = p[pos++], vl;

		if (nl == 0 || nl > n - pos)
			break;
		memcpy(name, p + pos, nl);
		name[nl] = '\0';
		pos += nl;
		if (pos >= n)
			break;
		vl = p[pos++];
		if (vl > n - pos)
			vl = n - pos;
		/* a name the file system refuses (empty: a NUL first) is
		 * skipped */
		if (name[0] && !strchr(name, '/') && strcmp(name, ".") &&
		    strcmp(name, "..") && snprintf(rel, sizeof rel,
		    KEYREC_PENDING "/%s", name) < (int)sizeof rel)
			(void)fuzz_put(root, rel, p + pos, vl);
		pos += vl;
	}
}

static int
each_addr(void *ctx, struct addr const *a, struct keyrec const *r)
{
	(void)ctx;
	if (a->len > RUNE_ADDR_MAX || (r->state != KEYREC_ACTIVE &&
	    r->state != KEYREC_DISABLED && r->state != KEYREC_RESERVED))
		__builtin_trap();
	return 1;
}

static int
each_token(void *ctx, struct tokrec const *t)
{
	(void)ctx;
	if (t->addr.len > RUNE_ADDR_MAX)
		__builtin_trap();
	return 1;
}

static void
read_back(void)
{
	static char const *const who[] = { "alice@" FUZZ_DOMAIN,
	    "bob@" FUZZ_DOMAIN, "carol@" FUZZ_DOMAIN, "dave@" FUZZ_DOMAIN,
	    "erin@" FUZZ_DOMAIN };
	struct keyrec r;
	struct tokrec t;
	struct addr a;
	size_t i;

	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		if (!addr_parse(&a, who[i], strlen(who[i])))
			abort();
		(void)keytab_lookup(root, &a, &r);
	}
	(void)keytab_token(root, TOKEN, strlen(TOKEN), &t);
	(void)keytab_each_addr(root, each_addr, NULL);
	(void)keytab_each_token(root, each_token, NULL);
	(void)jour_count(root, 1000);
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	static char *merge[] = { "rune-keys", "merge", NULL };
	static char *reg[] = { "rune-keys", "register", "bob@" FUZZ_DOMAIN,
	    NULL };

	if (size < 1)
		return 0;
	reset();
	switch (data[0] % 4) {
	case 0:
		request(data + 1, size - 1);
		break;
	case 1:
		if (!fuzz_put(root, KEYREC_CDB, data + 1, size - 1))
			abort();
		/* what rune-admin users --list and invites read */
		(void)keytab_each_addr(root, each_addr, NULL);
		(void)keytab_each_token(root, each_token, NULL);
		break;
	case 2:
		journal(data + 1, size - 1);
		read_back();
		run(merge, 2, NULL, 0);
		break;
	case 3:
		if (!fuzz_put(root, KEYREC_TXN, data + 1, size - 1))
			abort();
		run(reg, 3, (uint8_t const *)bobkey, strlen(bobkey));
		break;
	}
	read_back();
	return 0;
}
