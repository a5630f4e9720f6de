/* serverkey.h: the server's Ed25519 key, secret/server.key (64 raw
 * octets: the seed, then its public half), loaded in one place for
 * rune-session and rune-admin. */
#ifndef SERVERKEY_H
#define SERVERKEY_H

#include "rune.h"

#define SERVERKEY_FILE "secret/server.key"

/* reads root/secret/server.key into sk and its public half into pk,
 * checking that the seed makes that public half (a file whose halves
 * disagree would sign with one key while the clients pin the other).
 * Returns 0 done; RUNE_EXIT_TEMP when it cannot be read, RUNE_EXIT_PERM
 * when it is not a server key or is damaged; a warning says which.  On
 * failure sk is wiped */
int serverkey_load(unsigned char sk[RUNE_SK_LEN],
    unsigned char pk[RUNE_PK_LEN], char const *root);

#endif
