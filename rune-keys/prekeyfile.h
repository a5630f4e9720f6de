/* prekeyfile.h: one address's prekey records under keys/prekeys/
 * (prekeyfile.c) */
#ifndef PREKEYFILE_H
#define PREKEYFILE_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "prekeyset.h"

#define PREKEYFILE_NAME_LEN	32	/* hex of 16 octets */

/* the file name of a's records: hex BLAKE2b-128("RUNE-2 prekeys" 0 a) */
void prekeyfile_name(char out[PREKEYFILE_NAME_LEN + 1],
    struct addr const *a);

/* root/keys/prekeys[/rel] into out; 1 done */
int prekeyfile_path(char *out, size_t max, char const *root,
    char const *rel);

/* takes keys/prekeys/lock (making keys/prekeys/ and rate/); the
 * descriptor, or -1 */
int prekeyfile_lock(char const *root);

/* reads a's records into s (empty when there is no file); 1 done,
 * 0 failed (logged) */
int prekeyfile_load(char const *root, struct addr const *a,
    struct prekeyset *s);

/* replaces a's file with s, durably; 1 done */
int prekeyfile_save(char const *root, struct addr const *a,
    struct prekeyset const *s);

#endif
