/* session.c: fuzz target: rune-session's whole input path -- the line
 * reader, the tokenizer and the command dispatcher with every handler --
 * over a memory transport (rune-session/sio.h) instead of TLS, in a
 * scratch domain.  The helpers are the real rune-keys and rune-store of
 * $RUNE_BINDIR (make fuzz and t/70 set it to the build); without them
 * the commands that need them answer 451.
 *
 * The domain: alice and bob active (keys 3 and 4), dave disabled, erin
 * reserved, an invitation token for carol (FUZZ_TOKEN); maxsize 65536;
 * PREKEYS on (control/prekeys 4), the records of keys/prekeys/ kept by
 * the real rune-keys prekeys.  It is put back before each input, so
 * that inputs do not depend on each other.  Input: octet 0 bit 0 starts
 * the session logged in as alice, with her login proof (no fuzzer forges
 * a PROOF), bits 1-7 the size of each read; the rest is what the client
 * sends. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cdb.h>
#include <sodium.h>

#include "cmd.h"
#include "fuzz.h"
#include "key.h"
#include "keyrec.h"
#include "life.h"
#include "mbox.h"
#include "keysc.h"
#include "proof.h"
#include "proto.h"
#include "session.h"
#include "store.h"

#define FUZZ_TOKEN "0123456789abcdef0123456789abcdef" \
	"0123456789abcdef0123456789abcdef"

#define ALICE	"alice@" FUZZ_DOMAIN
#define CAROL	"carol@" FUZZ_DOMAIN

static char const *root;
static struct session sess;
static unsigned char salt[MBOX_SALT_LEN];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	struct cdb_make m;
	int fd;

	(void)argc;
	(void)argv;
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		abort();
	root = fuzz_scratch();
	/* the helpers refuse root unless told (lib/noroot.c) */
	if (setenv("RUNE_ALLOW_ROOT", "1", 1) < 0 ||
	    !fuzz_put(root, "control/maxsize", "65536\n", 6) ||
	    !fuzz_put(root, "control/prekeys", "4\n", 2) ||
	    !fuzz_put(root, "control/anonsend", "on\n", 3))
		abort();
	fuzz_path(path, sizeof path, "keys");
	if (mkdir(path, 0700) < 0)
		abort();
	fuzz_path(path, sizeof path, "store");
	if (mkdir(path, 0700) < 0)
		abort();
	fd = fuzz_table_start(&m);
	fuzz_table_addr(&m, "alice@" FUZZ_DOMAIN, KEYREC_ACTIVE, 3);
	fuzz_table_addr(&m, "bob@" FUZZ_DOMAIN, KEYREC_ACTIVE, 4);
	fuzz_table_addr(&m, "dave@" FUZZ_DOMAIN, KEYREC_DISABLED, 5);
	fuzz_table_addr(&m, "erin@" FUZZ_DOMAIN, KEYREC_RESERVED, 0);
	fuzz_table_token(&m, CAROL, FUZZ_TOKEN);
	if (cdb_make_finish(&m) != 0 || close(fd) != 0)
		abort();
	memset(salt, 7, sizeof salt);
	return 0;
}

/* the domain as LLVMFuzzerInitialize made it */
static void
reset(void)
{
	char path[4096];

	fuzz_path(path, sizeof path, "" KEYREC_PENDING);
	if (access(path, F_OK) == 0 && !fuzz_empty(path))
		abort();
	fuzz_path(path, sizeof path, "" KEYREC_TXN);
	unlink(path);
	fuzz_path(path, sizeof path, "keys/prekeys");
	if (access(path, F_OK) == 0 && !fuzz_empty(path))
		abort();
	/* the token writer's state: each input starts with none */
	fuzz_path(path, sizeof path, "keys/tokens");
	if (access(path, F_OK) == 0 && !fuzz_empty(path))
		abort();
	fuzz_path(path, sizeof path, "store");
	if (!fuzz_empty(path) || !fuzz_put(root, "store/salt", salt,
	    sizeof salt))
		abort();
}

static int
mem_write(void *ctx, void const *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return 1;
}

static int
mem_flush(void *ctx)
{
	(void)ctx;
	return 1;
}

static void
mem_deadline(void *ctx, long long deadline)
{
	(void)ctx;
	(void)deadline;
}

int
LLVMFuzzerTestOneInput(uint8_t const *data, size_t size)
{
	struct session *s = &sess;
	struct fuzz_mem in;

	if (size < 1)
		return 0;
	reset();
	memset(s, 0, sizeof *s);
	conf_load_root(&s->conf, root);
	/* the session's lifetime counts from here, as in main */
	if (clock_gettime(CLOCK_MONOTONIC, &s->start) < 0)
		abort();
	s->verbose = 0;
	strcpy(s->sid, "fuzz");
	fuzz_keypair(1, s->server_pk, s->server_sk);
	key_fmt(s->server_pk_text, s->server_pk);
	if (data[0] & 1) {
		unsigned char pk[32], sk[64];

		if (!addr_parse(&s->me, ALICE, strlen(ALICE)))
			abort();
		s->state = ST_AUTH;
		/* what a PROOF leaves: rune-keys prekeys checks it */
		fuzz_keypair(3, pk, sk);
		memset(s->login_n, 9, sizeof s->login_n);
		if (!proof_make(s->login_sig, &s->me, s->server_pk, s->login_n,
		    sk))
			abort();
		s->unreg = UNREG_LOGIN;
	}
	in.p = data + 1;
	in.len = size - 1;
	in.pos = 0;
	in.chunk = (size_t)(data[0] >> 1) * 8 + 1;
	s->io.ctx = &in;
	s->io.read = fuzz_mem_read;
	s->io.write = mem_write;
	s->io.flush = mem_flush;
	s->io.deadline = mem_deadline;
	line_init(&s->in, s->io.read, s->io.ctx, RUNE_LINE_MAX);
	proto_run(s);
	store_stop(s);
	keys_stop(s);
	session_wipe(s);
	return 0;
}
