/* setup.h: the parts of rune-admin setup (setup.c): owners and modes of
 * a domain directory (setup-modes.c), the service directory
 * (setup-service.c).  The layout is doc/privsep.md. */
#ifndef SETUP_H
#define SETUP_H

#include <stdint.h>
#include <sys/types.h>

/* the system users, indexes into the uid and gid arrays */
#define SETUP_RUNED	0	/* rune-session: faces the network */
#define SETUP_RUNEKEYS	1	/* rune-keys: owns keys/ */
#define SETUP_RUNESTORE	2	/* rune-store: owns store/ */
#define SETUP_RUNELOG	3	/* multilog: owns the log */
#define SETUP_NUSERS	4

/* gives path (not a symlink, which is refused) owner uid, group gid and
 * mode; when dir, path must be a directory; 1 done, 0 failed (warned) */
int setup_own(char const *path, uid_t uid, gid_t gid, mode_t mode, int dir);

/* sets the owners and modes of the domain directory root; uid and gid
 * (primary groups) by SETUP_*; 1 done, 0 failed (warned) */
int setup_modes(char const *root, uid_t const uid[SETUP_NUSERS],
    gid_t const gid[SETUP_NUSERS]);

/* writes the service directory dir (run, env/, log/run, log/main owned
 * by loguid) for tcpserver on port with an address-space limit of
 * limit octets; leaves an existing dir alone; 1 done, 0 failed */
int setup_service(char const *dir, char const *root, char const *bindir,
    char const *port, uint64_t limit, uid_t loguid, gid_t loggid);

#endif
