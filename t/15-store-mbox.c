/* 15-store-mbox.c: lib/mbox.c, the read side of the store, against
 * mailboxes that build/rune-store writes (and one made by hand): names,
 * listing order, sizes, usage, opening a message, what is ignored. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "hexid.h"
#include "mbox.h"
#include "tap.h"

static char root[256];

static int
rm_one(char const *path, struct stat const *st, int flag, struct FTW *f)
{
	(void)st, (void)flag, (void)f;
	return remove(path);
}

static void
write_file(char const *path, void const *b, size_t len)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fwrite(b, 1, len, f) != len || fclose(f) != 0)
		bail("cannot write %s", path);
}

/* runs the program prog ARG ARG2 (0: none; rune-store without ARG: the
 * pipe protocol) with in[0..inlen) on its stdin; its stdout into out
 * (NUL-terminated); returns its exit code */
static int
run(char const *prog, char const *arg, char const *arg2, void const *in,
    size_t inlen, char *out, size_t max)
{
	char const *b = getenv("RUNE_BUILD");
	char bin[512];
	int ip[2], op[2], st;
	size_t have = 0;
	ssize_t r;
	pid_t pid;

	snprintf(bin, sizeof bin, "%s/%s", b ? b : "build", prog);
	if (pipe(ip) < 0 || pipe(op) < 0 || (pid = fork()) < 0)
		bail("pipe/fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(ip[0], 0);
		dup2(op[1], 1);
		close(ip[0]), close(ip[1]), close(op[0]), close(op[1]);
		execl(bin, bin, arg, arg2, (char *)0);
		_exit(127);
	}
	close(ip[0]);
	close(op[1]);
	/* answers are short: the pipe holds them while we write */
	if (inlen > 0 && write(ip[1], in, inlen) != (ssize_t)inlen)
		bail("write to rune-store: %s", strerror(errno));
	close(ip[1]);
	while (have + 1 < max && (r = read(op[0], out + have,
	    max - 1 - have)) > 0)
		have += (size_t)r;
	out[have] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) < 0)
		bail("waitpid: %s", strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int
store2(char const *arg, char const *arg2, void const *in, size_t inlen,
    char *out, size_t max)
{
	return run("rune-store", arg, arg2, in, inlen, out, max);
}

static int
store(char const *arg, void const *in, size_t inlen, char *out, size_t max)
{
	return store2(arg, 0, in, inlen, out, max);
}

/* appends "put ADDRESS SIZE\n" and size random octets to *req */
static unsigned char *
add_put(unsigned char *req, size_t *len, char const *name, size_t size,
    unsigned char id[RUNE_ID_LEN])
{
	char line[128];
	int n = snprintf(line, sizeof line, "put %s %zu\n", name, size);

	req = realloc(req, *len + (size_t)n + size);
	if (req == NULL)
		bail("out of memory");
	memcpy(req + *len, line, (size_t)n);
	randombytes_buf(req + *len + n, size);
	hexid_of(id, req + *len + n, size);
	*len += (size_t)n + size;
	return req;
}

static void
test_names(char *name)
{
	unsigned char salt[MBOX_SALT_LEN];
	char other[MBOX_NAME_LEN + 1], out[200], path[512];
	struct addr a;
	size_t len;
	FILE *f;

	addr_parse(&a, "Alice@RuneDemo", 14);
	ok(mbox_name(root, &a, name) == 0, "mbox_name: 0 before any salt");
	ok(store("init", "", 0, out, sizeof out) == 0, "rune-store init");
	ok(mbox_name(root, &a, name) == 1, "mbox_name: 1 once the salt is");
	ok(mbox_name_ok(name, strlen(name)), "the name is 64 lowercase hex");
	ok(store2("name", "ALICE@runedemo", "", 0, out, sizeof out) == 0 &&
	    strlen(out) == MBOX_NAME_LEN + 1 &&
	    !memcmp(out, name, MBOX_NAME_LEN), "rune-store name: the same");
	ok(store("stats", "", 0, out, sizeof out) == 0 &&
	    strstr(out, "mailboxes 0\nmessages 0\n") != NULL,
	    "stats of an empty store");
	snprintf(path, sizeof path, "%s/store/salt", root);
	f = fopen(path, "r");
	len = f ? fread(salt, 1, sizeof salt, f) : 0;
	if (f)
		fclose(f);
	mbox_name_salt(salt, &a, other);
	is_str(other, name, "mbox_name = keyed BLAKE2b-256 with the salt");
	addr_parse(&a, "bob@runedemo", 12);
	ok(len == MBOX_SALT_LEN && mbox_name(root, &a, other) == 1 &&
	    strcmp(other, name) != 0, "another address, another name");
	ok(!mbox_name_ok("ABCD", 4) && !mbox_name_ok(name, 63), "bad names");
	other[0] = 'G';
	ok(!mbox_name_ok(other, 64), "a non-hex name");
	ok(mbox_path(path, 20, root, name, "cur") == 0 && errno ==
	    ENAMETOOLONG, "mbox_path: too long");
}

static void
test_roundtrip(char const *name)
{
	unsigned char id[3][RUNE_ID_LEN], *req = NULL, buf[100000], nid[32];
	size_t sizes[3] = { 1294, 4000, 100000 }, len = 0, i;
	char out[1024], want[1024], hex[RUNE_ID_HEX_LEN + 1];
	char ent[MBOX_ENT_MAX + 1], path[1024];
	struct mbox_list l;
	uint64_t count = 9, bytes = 9, size;
	int fd, n = 0;

	ok(mbox_list(root, name, &l) == 1 && l.n == 0,
	    "list of a mailbox never used: empty");
	ok(mbox_usage(root, name, &count, &bytes) == 1 && count == 0 &&
	    bytes == 0, "usage of a mailbox never used: 0, 0");
	memset(nid, 7, sizeof nid);
	ok(mbox_open_msg(root, name, nid, &fd, &size) == 0,
	    "open in a mailbox never used: 0");
	static char const pk[] =
	    "ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=\n";

	/* rune-store stores only for an active address */
	ok(run("rune-keys", "register", "alice@runedemo", pk, sizeof pk - 1,
	    out, sizeof out) == 0, "rune-keys registers alice@runedemo");
	for (i = 0; i < 3; i++)
		req = add_put(req, &len, "alice@runedemo", sizes[i], id[i]);
	ok(store(0, req, len, out, sizeof out) == 0, "three puts: exit 0");
	for (i = 0; i < 3; i++) {
		hexid_fmt(hex, id[i]);
		n += snprintf(want + n, sizeof want - n, "ok %s\n", hex);
	}
	is_str(out, want, "answers: ok and the ids");
	ok(mbox_list(root, name, &l) == 1 && l.n == 3, "list: 3 messages");
	for (i = 0; i < 3 && l.n == 3; i++) {
		hexid_fmt(hex, id[i]);
		is_str(l.v[i].hex, hex, "message %zu in arrival order", i);
		is_u64(l.v[i].size, sizes[i], "message %zu size", i);
	}
	ok(l.n == 3 && l.v[0].time < l.v[1].time && l.v[1].time <
	    l.v[2].time, "arrival times increase");
	mbox_list_free(&l);
	ok(mbox_usage(root, name, &count, &bytes) == 1 && count == 3 &&
	    bytes == 1294 + 4000 + 100000, "usage: 3 messages, their octets");
	ok(mbox_open_msg(root, name, id[2], &fd, &size) == 1 &&
	    size == 100000, "open: found, its size");
	ok(read(fd, buf, sizeof buf) == 100000 &&
	    (hexid_of(nid, buf, 100000), !memcmp(nid, id[2], 32)),
	    "open: the stored blob, unchanged");
	close(fd);
	memset(nid, 1, sizeof nid);
	ok(mbox_open_msg(root, name, nid, &fd, &size) == 0,
	    "open: no such message: 0");
	hexid_fmt(hex, id[1]);
	n = snprintf(want, sizeof want, "del %s %s\n", name, hex);
	ok(store(0, want, (size_t)n, out, sizeof out) == 0 &&
	    !strcmp(out, "ok\n"), "del: ok");
	ok(mbox_list(root, name, &l) == 1 && l.n == 2 &&
	    (hexid_fmt(hex, id[0]), !strcmp(l.v[0].hex, hex)) &&
	    (hexid_fmt(hex, id[2]), !strcmp(l.v[1].hex, hex)),
	    "list after del: the other two, in order");
	mbox_list_free(&l);
	ok(mbox_open_msg(root, name, id[1], &fd, &size) == 0,
	    "open a deleted message: 0");
	if (mbox_list(root, name, &l) != 1 || l.n != 2)
		bail("list");
	mbox_ent_fmt(ent, &l.v[0]);
	snprintf(path, sizeof path, "%s/store/%s/cur/%s", root, name, ent);
	mbox_list_free(&l);
	if ((fd = open(path, O_WRONLY | O_APPEND)) < 0 || write(fd, "x", 1)
	    != 1 || close(fd) != 0)
		bail("append to %s", path);
	ok(mbox_open_msg(root, name, id[0], &fd, &size) == -1 &&
	    errno == EPROTO, "open: a file longer than its name says: -1");
	free(req);
}

/* a mailbox made by hand: n messages of random times in a random order,
 * and names a listing must skip */
static void
test_order(char const *name, size_t n)
{
	static char const *junk[] = {
		"x", ".hidden", "0123456789abcdef",
		"0123456789ABCDEF.0000000000000000000000000000000000000000000"
		    "000000000000000000000.1",
		"0123456789abcdef-000000000000000000000000000000000000000000"
		    "0000000000000000000000.1",
		"0123456789abcdef.00000000000000000000000000000000000000000000"
		    "000000000000000000000.1",
		"0123456789abcdef.000000000000000000000000000000000000000000"
		    "0000000000000000000000",
		"0123456789abcdef.000000000000000000000000000000000000000000"
		    "0000000000000000000000.01",
		"0123456789abcdef.000000000000000000000000000000000000000000"
		    "0000000000000000000000.12345678901234567890",
	};
	char path[1024], ent[MBOX_ENT_MAX + 1];
	struct mbox_list l;
	struct mbox_msg m;
	unsigned char mid[RUNE_ID_LEN];
	uint64_t count, bytes, sum = 0;
	size_t i, sorted = 1, sizes = 1;

	snprintf(path, sizeof path, "%s/store/%s", root, name);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/store/%s/tmp", root, name);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/store/%s/cur", root, name);
	if (mkdir(path, 0700) < 0)
		bail("mkdir %s: %s", path, strerror(errno));
	for (i = 0; i < n; i++) {
		m.time = randombytes_random() % 1000000;
		m.time = m.time * 1000000000u + i;	/* distinct */
		randombytes_buf(mid, sizeof mid);
		hexid_fmt(m.hex, mid);
		m.size = i % sizeof mid;
		mbox_ent_fmt(ent, &m);
		snprintf(path, sizeof path, "%s/store/%s/cur/%s", root, name,
		    ent);
		write_file(path, mid, m.size);
		sum += m.size;
	}
	for (i = 0; i < sizeof junk / sizeof *junk; i++) {
		snprintf(path, sizeof path, "%s/store/%s/cur/%s", root, name,
		    junk[i]);
		write_file(path, "junk", 4);
	}
	m.time = 1, m.size = 3;
	mbox_ent_fmt(ent, &m);
	snprintf(path, sizeof path, "%s/store/%s/tmp/%s", root, name, ent);
	write_file(path, "tmp", 3);
	m.time = 2;
	mbox_ent_fmt(ent, &m);
	snprintf(path, sizeof path, "%s/store/%s/cur/%s", root, name, ent);
	if (mkdir(path, 0700) < 0)
		bail("mkdir %s", path);
	ok(mbox_list(root, name, &l) == 1 && l.n == n,
	    "list: %zu messages, junk, tmp/ and a directory skipped", n);
	for (i = 1; i < l.n; i++)
		if (l.v[i - 1].time >= l.v[i].time)
			sorted = 0;
	for (i = 0; i < l.n; i++)
		if (l.v[i].size != l.v[i].time % 1000000000u % sizeof mid)
			sizes = 0;
	ok(sorted, "list: oldest first");
	ok(sizes, "list: the sizes of the names");
	mbox_list_free(&l);
	ok(mbox_usage(root, name, &count, &bytes) == 1 && count == n &&
	    bytes == sum, "usage: count and octets");
}

static void
test_ent(void)
{
	char ent[MBOX_ENT_MAX + 1], bad[MBOX_ENT_MAX + 1];
	struct mbox_msg m, m2;
	unsigned char mid[RUNE_ID_LEN];

	randombytes_buf(mid, sizeof mid);
	hexid_fmt(m.hex, mid);
	m.time = 0x18ead7e479d34e99ULL;
	m.size = 10485982;
	ok(mbox_ent_fmt(ent, &m) == 90 && strlen(ent) == 90 &&
	    !strncmp(ent, "18ead7e479d34e99.", 17) &&
	    !strcmp(ent + 81, ".10485982"),
	    "ent_fmt: 16 hex digits of time, the id, the size");
	ok(mbox_ent_parse(ent, &m2) && m2.time == m.time &&
	    m2.size == m.size && !strcmp(m.hex, m2.hex),
	    "ent_parse: the same back");
	m.size = UINT64_MAX / 10;
	ok(mbox_ent_fmt(ent, &m) <= MBOX_ENT_MAX &&
	    mbox_ent_parse(ent, &m2) && m2.size == m.size,
	    "ent: 19 digits of size");
	memcpy(bad, ent, sizeof bad);
	bad[3] = 'A';
	ok(!mbox_ent_parse(bad, &m2), "ent_parse: uppercase time");
	memcpy(bad, ent, sizeof bad);
	bad[80] = 'g';
	ok(!mbox_ent_parse(bad, &m2), "ent_parse: a bad id digit");
	memcpy(bad, ent, sizeof bad);
	bad[81] = '-';
	ok(!mbox_ent_parse(bad, &m2), "ent_parse: no dot before the size");
	ok(!mbox_ent_parse("18ead7e479d34e9", &m2), "ent_parse: too short");
}

int
main(void)
{
	char name[MBOX_NAME_LEN + 1], path[600];
	struct mbox_list l;
	char const *tmp = getenv("TMPDIR");

	if (sodium_init() < 0)
		bail("sodium_init");
	snprintf(root, sizeof root, "%s/rune-t15.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(root) == NULL)
		bail("mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof path, "%s/control", root);
	if (mkdir(path, 0700) < 0)
		bail("mkdir");
	snprintf(path, sizeof path, "%s/control/domain", root);
	write_file(path, "runedemo\n", 9);
	setenv("RUNE_ROOT", root, 1);
	setenv("RUNE_ALLOW_ROOT", "1", 1);

	test_ent();
	test_names(name);
	test_roundtrip(name);
	ok(mbox_list(root, "../../etc", &l) == 0 && errno == EINVAL,
	    "list: a bad name is refused");
	memset(name, 'e', MBOX_NAME_LEN);
	test_order(name, 2000);

	if (nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		diag("could not remove %s", root);
	return done();
}
