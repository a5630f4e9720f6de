/* cli.h: what every command of rune gets: the global options, the home,
 * and the steps several commands share. */
#ifndef CLI_H
#define CLI_H

#include "addr.h"
#include "conn.h"
#include "home.h"
#include "hostport.h"
#include "invite.h"

#define CLI_TIMEOUT_DEFAULT 30	/* seconds: connect, handshake, each read */

struct cli {
	struct home home;
	struct hostport hp;
	int have_hp;		/* --server given */
	unsigned timeout;
};

/* the server to talk to: --server, else config/server; exits 100 when
 * neither is set */
struct hostport const *cli_server(struct cli *c);

/* the own address (config/address) and secret key; exits 100 when
 * rune init has not made them */
void cli_identity(struct cli *c, struct addr *a,
    unsigned char sk[RUNE_SK_LEN]);

/* LOGIN and PROOF on cn as a (checking the 220's server key against the
 * pin); exits unless the server answers 230 */
void cli_login(struct conn *cn, struct addr const *a,
    unsigned char const sk[RUNE_SK_LEN]);

/* registers the home's address and key (rune init or join made them):
 * REGISTER, or with iv REGISTER_INVITATION after pinning the URI's
 * fingerprints (iv is wiped); prints "registered ADDRESS"; exits unless
 * the server answers 210 */
int cli_register(struct cli *c, struct invite *iv);

/* prints the address, server, key and fingerprint lines of init and join */
void cli_print_identity(struct addr const *a, struct hostport const *hp,
    unsigned char const pk[RUNE_PK_LEN]);

/* the receiver s as rcpt_parse checks it (rcpt.h); exits 100 with its
 * sentence when it is not an address of the own domain */
void cli_receiver(struct cli *c, struct addr *a, char const *s);

#endif
