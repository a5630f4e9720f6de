/* tokens.h: the client's blind tokens for anonymous sending
 * (doc/protocol-v2.md 2.3-2.7 with A3, A4, A5; doc/client.md "Anonymous
 * sending"): the pinned ANONSEND line, the token keys pinned per epoch,
 * the tokens fetched on a schedule at login (never because a send is
 * pending) and kept under the home, 0600, one file each, taken one at a
 * time by the anonymous send.
 *
 * The state under the home (tokens/, mode 0700):
 *   tokens/anonsend          the pinned "ANONSEND batch perday epochdays"
 *   tokens/key.EPOCH         "EPOCH b64(pkT) b64(ksig)": the signed pin
 *   tokens/conflict.EPOCH.N  a second signed key for EPOCH (the evidence)
 *   tokens/EPOCH/HEX(t)      t || y (32 + 64 octets), 0600, written
 *                            atomically; removed (and the directory
 *                            fsynced) when taken
 *   tokens/fetched           "DAY" of the last TOKENS batch
 * An epoch's token files and pin go when EPOCH + 2 <= the current epoch. */
#ifndef TOKENS_H
#define TOKENS_H

#include <stddef.h>
#include <stdint.h>
#include "conn.h"
#include "home.h"
#include "voprf.h"

/* the ANONSEND line of CAPABILITIES: ANONSEND batch perday epochdays */
struct anoncaps {
	uint64_t batch, perday, epochdays;	/* 0 0 0: not offered */
	int noidsend;				/* NOIDSEND listed */
};

/* parses the CAPABILITIES lines s[0..len) one at a time into ac (the
 * caller starts with ac zeroed); lines of other extensions are ignored.
 * 1 ok, 0 a malformed ANONSEND line */
int tokens_caps_line(struct anoncaps *ac, char const *s, size_t len);

/* the pin check of C3: ac (what the server says now) against the pinned
 * line.  TOKENS_PIN_NEW: none was pinned and ac offers ANONSEND (now
 * pinned); TOKENS_PIN_SAME: it matches; TOKENS_PIN_NONE: neither pinned
 * nor offered (the server has no anonymous sending).  A pinned line that
 * disappeared or changed exits 100 loudly (C3); never returns then. */
enum tokens_pin { TOKENS_PIN_NONE, TOKENS_PIN_NEW, TOKENS_PIN_SAME };
enum tokens_pin tokens_anonsend_pin(struct home const *h,
    struct anoncaps const *ac);

/* the epoch of time t under the pinned epochdays */
uint64_t tokens_epoch(struct anoncaps const *ac, uint64_t t);

/* forgets every token key pinned (rune pin --replace server-tokenkey),
 * keeping the evidence of conflicts: the count removed */
int tokens_unpin_keys(struct home const *h);

/* TOKENKEY epoch over cn (any state: logged in or anonymous); checks
 * ksig with the pinned server key server_pk and pkT strictly
 * (voprf_element_ok), then pins it: a first key for the epoch is
 * written to tokens/key.EPOCH; the same key again is fine; a second,
 * different signed key for the epoch is kept as evidence
 * (tokens/conflict.EPOCH.N) and exits 100 with the key-change alarm.  1
 * pkT holds the epoch's key; 0 the server answered 417 (no such epoch).
 * Any other failure exits. */
int tokens_key(struct conn *cn, struct anoncaps const *ac, uint64_t epoch,
    unsigned char const server_pk[32], unsigned char pkT[VOPRF_ELEM]);

/* the key pinned for epoch: 1 pkT holds it, 0 none pinned */
int tokens_pinned(struct home const *h, uint64_t epoch,
    unsigned char pkT[VOPRF_ELEM]);

/* at every login (cli_login and register call it after v2_login), when
 * the server offers ANONSEND: pins the line (C3), pins TOKENKEY for the
 * current epoch, and runs one TOKENS batch when fewer than batch tokens
 * of the current epoch are held and none was fetched today; checks the
 * DLEQ proof (a bad one drops the batch, says the server misbehaved and
 * does not retry); removes the tokens and pins of epochs past use.  A
 * refusal (411, 420: the allowance, or an address younger than a day) is
 * one line on stderr, not a failure of the login. */
void tokens_login(struct conn *cn, unsigned char const server_pk[32],
    uint64_t now);

/* one held token */
struct token_held {
	uint64_t epoch;
	unsigned char t[32];
	unsigned char y[VOPRF_OUT];
};

/* takes one token usable at time now (of the current epoch or the one
 * before; the oldest epoch first) out of the store: the file is removed
 * and the directory fsynced before this returns, so a token is never
 * spent twice; the caller wipes *tk.  1 taken, 0 none held */
int tokens_take(struct home const *h, struct anoncaps const *ac,
    uint64_t now, struct token_held *tk);

/* how many tokens usable at time now are held */
size_t tokens_count(struct home const *h, struct anoncaps const *ac,
    uint64_t now);

/* tkh (A5) is lib's msg2_tkh over (domain, epoch, pkT) */

#endif
