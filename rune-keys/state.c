/* state.c: rune-keys unregister, disable, enable and free: one address
 * record changes state under keys/lock.  An unregister from the session
 * carries the client's login proof, checked here against the key in the
 * table (doc/privsep.md). */
#include <string.h>

#include <sodium.h>

#include "b64.h"
#include "die.h"
#include "hexid.h"
#include "key.h"
#include "keys.h"
#include "keytab.h"
#include "proof.h"
#include "rune.h"

struct move {
	char const *cmd;
	int from1, from2;	/* states it applies to (0: absent) */
	int same;		/* the state where there is nothing to do */
	int to;
};

/* -1 stands for "absent", which no record state equals */
static const struct move moves[] = {
	{ "unregister", KEYREC_ACTIVE, KEYREC_DISABLED, KEYREC_RESERVED,
	    KEYREC_RESERVED },
	{ "disable", KEYREC_ACTIVE, KEYREC_ACTIVE, KEYREC_DISABLED,
	    KEYREC_DISABLED },
	{ "enable", KEYREC_DISABLED, KEYREC_DISABLED, KEYREC_ACTIVE,
	    KEYREC_ACTIVE },
	{ "free", KEYREC_RESERVED, KEYREC_RESERVED, -1, KEYREC_GONE },
};

#define NMOVES (sizeof moves / sizeof moves[0])

/* the next line must be the end of the input */
static int
end(struct line *in)
{
	char *s;
	size_t n;
	int x = input_line(in, &s, &n);

	return x < 0 ? -1 : x == 0 ? KEYS_PROOF_OK : KEYS_PROOF_BAD;
}

int
keys_proof_read(struct keys_proof *p, struct line *in)
{
	char *s;
	size_t n, got;
	int x;

	memset(p, 0, sizeof *p);
	x = input_line(in, &s, &n);
	if (x <= 0)
		return x;	/* -1 or KEYS_PROOF_NONE */
	if (n == 2 * RECEIPT_LEN && hexid_parse(p->rc, s, n)) {
		p->receipt = 1;
		return end(in);
	}
	if (!b64_decode(p->n, sizeof p->n, &got, s, n) || got != sizeof p->n)
		return KEYS_PROOF_BAD;
	x = input_line(in, &s, &n);
	if (x <= 0 || !key_parse(p->server_pk, s, n))
		return x < 0 ? -1 : KEYS_PROOF_BAD;
	x = input_line(in, &s, &n);
	if (x <= 0 || !b64_decode(p->sig, sizeof p->sig, &got, s, n) ||
	    got != sizeof p->sig)
		return x < 0 ? -1 : KEYS_PROOF_BAD;
	return end(in);
}

int
keys_setstate(char const *root, struct addr const *a, char const *cmd,
    struct keys_proof const *proof)
{
	struct move const *m = 0;
	struct keyrec k;
	struct jour j;
	struct jrec r;
	size_t i;
	int x, now;

	for (i = 0; i < NMOVES; i++)
		if (strcmp(moves[i].cmd, cmd) == 0)
			m = &moves[i];
	if (!m)
		die(RUNE_EXIT_PERM, "unknown command");
	if (!jour_lock(&j, root))
		die_sys(RUNE_EXIT_TEMP, "unable to lock the key table");
	x = keytab_lookup(root, a, &k);
	if (x < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the key table");
	now = x ? k.state : -1;
	/* with a proof: what PROOF would allow, an active address whose
	 * key signed the login */
	if (proof && (now != KEYREC_ACTIVE || (proof->receipt ?
	    !receipt_check(root, a, k.pk, proof->rc) :
	    !proof_check(proof->sig, sizeof proof->sig, a, proof->server_pk,
	    proof->n, k.pk)))) {
		jour_unlock(&j);
		die(KEYS_EXIT_PROOF, "%s: login proof invalid", cmd);
	}
	if (now == m->same) {
		jour_unlock(&j);
		return RUNE_EXIT_OK;	/* nothing to do */
	}
	if (now != m->from1 && now != m->from2) {
		jour_unlock(&j);
		die(KEYS_EXIT_STATE, "%s: address %s", cmd, now == -1 ?
		    "not in the table" : now == KEYREC_RESERVED ?
		    "reserved" : now == KEYREC_DISABLED ? "disabled" :
		    "registered");
	}
	k.state = m->to;
	r.klen = keyrec_addr_key(r.k, KEYREC_ADDR, a);
	r.vlen = keyrec_addr_put(r.v, &k);
	if (!jour_commit(&j, &r, 1))
		die_sys(RUNE_EXIT_TEMP, "unable to write the key table");
	jour_unlock(&j);
	merge_maybe(root);
	return RUNE_EXIT_OK;
}
