/* 13-keys-lookup.c: lib/keytab.c against tables rune-keys writes:
 * absent, active (with its key), disabled, reserved, tokens, the journal
 * hiding the CDB, hostile journal and token inputs, and listings. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "addr.h"
#include "key.h"
#include "keytab.h"
#include "tap.h"

static char root[256], bin[1024];

static char const pk_text[] = "ed25519:Kay64UG8yvCyLhqU000LxzYeUm0L/hLIl5S8kyKWbdc=";

/* runs rune-keys CMD ARG [ARG2] with input on stdin; output into out */
static int
run(char const *in, char *out, size_t max, char const *cmd, char const *arg,
    char const *arg2)
{
	int pin[2], pout[2], st;
	size_t have = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(pin) < 0 || pipe(pout) < 0)
		bail("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		bail("fork: %s", strerror(errno));
	if (pid == 0) {
		char env[400];
		char *envp[] = { env, "RUNE_MERGE_PENDING=0",
		    "RUNE_ALLOW_ROOT=1", 0 };
		char *argv[] = { bin, (char *)cmd, (char *)arg, (char *)arg2,
		    0 };

		snprintf(env, sizeof env, "RUNE_ROOT=%s", root);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		close(pin[1]);
		close(pout[0]);
		execve(bin, argv, envp);
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	if (in && write(pin[1], in, strlen(in)) != (ssize_t)strlen(in))
		bail("write: %s", strerror(errno));
	close(pin[1]);
	while (max > 0 && have < max - 1 &&
	    (r = read(pout[0], out + have, max - 1 - have)) > 0)
		have += (size_t)r;
	if (max > 0)
		out[have] = 0;
	close(pout[0]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* removes the scratch directory */
static void
rmtree(void)
{
	char *argv[] = { "/bin/rm", "-rf", "--", root, 0 };
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || st != 0)
		diag("could not remove %s", root);
}

static int
lookup(char const *s, struct keyrec *r)
{
	struct addr a;

	if (!addr_parse(&a, s, strlen(s)))
		bail("bad address %s", s);
	return keytab_lookup(root, &a, r);
}

static int
count(void *ctx, struct addr const *a, struct keyrec const *r)
{
	(void)a;
	(void)r;
	++*(int *)ctx;
	return 1;
}

static void
states(char const *when)
{
	unsigned char pk[RUNE_PK_LEN];
	struct keyrec r;
	int n = 0;

	if (!key_parse(pk, pk_text, strlen(pk_text)))
		bail("bad key text");
	ok(lookup("alice@runedemo", &r) == 1 && r.state == KEYTAB_ACTIVE &&
	    memcmp(r.pk, pk, RUNE_PK_LEN) == 0, "%s: alice active, her key",
	    when);
	ok(lookup("bob@runedemo", &r) == 1 && r.state == KEYTAB_DISABLED,
	    "%s: bob disabled", when);
	ok(lookup("carol@runedemo", &r) == 1 && r.state == KEYTAB_RESERVED,
	    "%s: carol reserved", when);
	ok(lookup("dave@runedemo", &r) == 0, "%s: dave absent", when);
	ok(lookup("erin@runedemo", &r) == 0, "%s: erin (freed) absent", when);
	ok(keytab_each_addr(root, count, &n) == 1 && n == 3,
	    "%s: three addresses listed", when);
}

int
main(void)
{
	char const *build = getenv("RUNE_BUILD");
	char tok[200], tok2[200], in[400], path[600], out[64];
	struct tokrec t;
	struct keyrec r;
	int fd;

	snprintf(bin, sizeof bin, "%s/rune-keys", build ? build : "build");
	snprintf(root, sizeof root, "%s/rune-t13.XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		bail("mkdtemp: %s", strerror(errno));
	snprintf(path, sizeof path, "%s/control", root);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/control/domain", root);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, "runedemo\n", 9) != 9 || close(fd) != 0)
		bail("control/domain: %s", strerror(errno));

	ok(lookup("alice@runedemo", &r) == 0, "no table yet: absent");
	snprintf(in, sizeof in, "%s\n", pk_text);
	ok(run(in, 0, 0, "register", "alice@runedemo", 0) == 0 &&
	    run(in, 0, 0, "register", "bob@runedemo", 0) == 0 &&
	    run(in, 0, 0, "register", "carol@runedemo", 0) == 0 &&
	    run(in, 0, 0, "register", "erin@runedemo", 0) == 0 &&
	    run(0, 0, 0, "disable", "bob@runedemo", 0) == 0 &&
	    run(0, 0, 0, "unregister", "carol@runedemo", 0) == 0 &&
	    run(0, 0, 0, "unregister", "erin@runedemo", 0) == 0 &&
	    run(0, 0, 0, "free", "erin@runedemo", 0) == 0, "rune-keys writes");
	states("journal");

	ok(run(0, tok, sizeof tok, "invite", "frank@runedemo", "4000000000")
	    == 0 && strlen(tok) == 65, "invite prints a token");
	tok[64] = 0;
	ok(keytab_token(root, tok, 64, &t) == 1 && t.state == KEYTAB_VALID &&
	    t.expires == 4000000000ULL && strcmp(t.addr.s, "frank@runedemo")
	    == 0, "the token: valid, its address and expiry");
	ok(run(0, 0, 0, "merge", 0, 0) == 0, "merge");
	states("cdb");
	ok(keytab_token(root, tok, 64, &t) == 1 && t.state == KEYTAB_VALID,
	    "cdb: the token valid");
	snprintf(in, sizeof in, "%s\n%s\n", tok, pk_text);
	ok(run(in, 0, 0, "register-invite", "frank@runedemo", 0) == 0,
	    "register-invite");
	ok(keytab_token(root, tok, 64, &t) == 1 && t.state == KEYTAB_USED,
	    "the journal hides the cdb: the token used");
	ok(lookup("frank@runedemo", &r) == 1 && r.state == KEYTAB_ACTIVE,
	    "frank active");
	ok(run(0, tok2, sizeof tok2, "invite", "gina@runedemo", "4000000000")
	    == 0 && run(0, 0, 0, "revoke", "gina@runedemo", 0) == 0,
	    "invite and revoke gina");
	ok(keytab_token(root, tok2, 64, &t) == 1 &&
	    t.state == KEYTAB_REVOKED, "the token revoked");

	/* hostile token texts: never found, never an error */
	memcpy(tok2, tok, 65);
	for (fd = 0; fd < 64; fd++)
		if (tok2[fd] >= 'a' && tok2[fd] <= 'f') {
			tok2[fd] -= 'a' - 'A';
			break;
		}
	ok(fd == 64 || keytab_token(root, tok2, 64, &t) == 0,
	    "upper case token: unknown");
	tok2[0] = 'g';
	ok(keytab_token(root, tok2, 64, &t) == 0, "a non-hex digit: unknown");
	ok(keytab_token(root, tok, 63, &t) == 0, "63 digits: unknown");
	ok(keytab_token(root, tok, 0, &t) == 0, "empty: unknown");
	memcpy(tok2, tok, 64);
	tok2[10] = 0;
	ok(keytab_token(root, tok2, 64, &t) == 0, "embedded NUL: unknown");
	memset(tok2, '0', 64);
	ok(keytab_token(root, tok2, 64, &t) == 0, "unknown token: 0");

	/* a broken journal record is an error, not a wrong answer */
	snprintf(path, sizeof path, "%s/keys/pending/a-alice@runedemo", root);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "\001A", 2) != 2 || close(fd) != 0)
		bail("%s: %s", path, strerror(errno));
	errno = 0;
	ok(lookup("alice@runedemo", &r) == -1 && errno == EPROTO,
	    "a short journal record: -1 EPROTO");
	ok(run(0, out, sizeof out, "merge", 0, 0) == 111,
	    "merge refuses a broken journal: 111");
	unlink(path);
	ok(lookup("alice@runedemo", &r) == 1, "alice again from the cdb");

	rmtree();
	return done();
}
