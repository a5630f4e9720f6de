/* keys-run.h: what the key subcommands of rune-admin share: the domain
 * directory, the address argument, and running rune-keys. */
#ifndef KEYS_RUN_H
#define KEYS_RUN_H

#include <stddef.h>
#include "addr.h"
#include "conf.h"
#include "keyexit.h"

/* what rune-keys invite prints: 64 hex digits and a LF */
#define KEYS_TOKEN_OUT 65

/* the seconds rune-keys may run (a merge of a large table included) */
#define KEYS_RUN_DEADLINE 600

/* the address argument s, valid and in c's domain, or exit 100 */
void keys_address(struct addr *a, char const *s, struct conf const *c);

/* runs rune-keys with args (0-terminated), RUNE_ROOT=c->root its only
 * environment, stdin /dev/null, its stderr ours; its stdout into
 * out[0..max) (*len set; dropped when out is 0).  Returns its exit code,
 * or -1 when it could not run or was killed (a message printed) */
int keys_run(struct conf const *c, char const *const *args,
    unsigned char *out, size_t max, size_t *len);

/* runs rune-keys CMD ADDRESS; on any exit but 0 prints why and exits
 * with rune-keys's code (111 when it did not run) */
void keys_run_addr(struct conf const *c, char const *cmd,
    struct addr const *a);

#endif
