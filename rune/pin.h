/* pin.h: trust on first use (spec 9): per server the TLS key and the RUNE
 * key, per address the key KEY returned first.  A mismatch stops the
 * program loudly, naming both fingerprints and how to re-pin. */
#ifndef PIN_H
#define PIN_H

#include "addr.h"
#include "home.h"
#include "hostport.h"
#include "rune.h"

/* reads the pin file rel (relative to the home): 1 a key text (pk, when
 * not NULL, and fp set), 2 a fingerprint only (fp set), 0 absent; exits
 * 100 when the file holds neither */
int pin_read(struct home const *h, char const *rel, unsigned char *pk,
    unsigned char fp[RUNE_FPR_LEN]);

/* the TLS pin of hp: 1 pinned (fp set), 0 none */
int pin_tls_get(struct home const *h, struct hostport const *hp,
    unsigned char fp[RUNE_FPR_LEN]);

/* records fp as the TLS pin of hp (first use) and says so on stderr */
void pin_tls_set(struct home const *h, struct hostport const *hp,
    unsigned char const fp[RUNE_FPR_LEN]);

/* checks the server's RUNE key pk against the pin of hp; with no pin
 * yet records it (first use).  A pin holding only a fingerprint (from
 * an invitation) is completed with the key when it matches.  Exits 100
 * loudly on a mismatch. */
void pin_server_key(struct home const *h, struct hostport const *hp,
    unsigned char const pk[RUNE_PK_LEN]);

/* the pinned RUNE key of hp: 1 (pk set), 0 none or fingerprint only */
int pin_server_key_get(struct home const *h, struct hostport const *hp,
    unsigned char pk[RUNE_PK_LEN]);

/* pins what an invitation names before the first connection: the TLS
 * fingerprint and the RUNE key fingerprint of hp; an existing pin that
 * differs stops the program loudly (exit 100) */
void pin_preset(struct home const *h, struct hostport const *hp,
    unsigned char const tls[RUNE_FPR_LEN],
    unsigned char const rune[RUNE_FPR_LEN]);

/* checks pk, the key KEY returned for a, against its pin; records it
 * when none (returns 0: newly pinned); 1 it matched the pin; -1 it
 * differs (pinned holds the pin's fingerprint; nothing changed) */
int pin_addr_check(struct home const *h, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN], unsigned char pinned[RUNE_FPR_LEN]);

/* the command that accepts seen as a's key: "rune pin --replace ADDRESS
 * --expect HEX" into out[max] */
void pin_addr_repin(char *out, size_t max, struct addr const *a,
    unsigned char const seen[RUNE_FPR_LEN]);

/* pin_addr_check, but exits 100 loudly on a mismatch (pin_mismatch) */
int pin_addr_key(struct home const *h, struct addr const *a,
    unsigned char const pk[RUNE_PK_LEN]);

/* prints the loud mismatch message and exits 100: what changed ("TLS
 * key of server x", "key of address y"), both fingerprints and the
 * command that re-pins */
_Noreturn void pin_mismatch(char const *what,
    unsigned char const pinned[RUNE_FPR_LEN],
    unsigned char const seen[RUNE_FPR_LEN], char const *repin);

#endif
