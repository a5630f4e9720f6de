/* conf.h: the settings of a domain directory, read once (doc/design.md). */
#ifndef CONF_H
#define CONF_H

#include <stdint.h>
#include "rune.h"

#define CONF_WELCOME_MAX 200
#define CONF_HOST_MAX	255

struct conf {
	char root[1024];		/* $RUNE_ROOT */
	char domain[RUNE_ADDR_PART_MAX + 1];
	char welcome[CONF_WELCOME_MAX + 1];
	int reg_free;			/* REGISTER allowed */
	int reg_invite;			/* REGISTER_INVITATION allowed */
	uint64_t maxsize;
	uint64_t quota_messages;
	uint64_t quota_bytes;
	unsigned idle;			/* seconds */
	unsigned refusals;
	unsigned expire_days;
	unsigned handshake;		/* seconds */
	unsigned sessionmax;		/* seconds a session may last */
	char host[CONF_HOST_MAX + 1];	/* where clients reach the server */
	unsigned port;			/* (for invitation URIs) */
	/* PREKEYS (doc/protocol-v2.md 3): the most one-time prekeys stored
	 * per address, 0 when the extension is off (the default) */
	unsigned prekeys;
	unsigned prekey_perday;		/* PREKEY per requesting address a day */
	unsigned prekey_perhour;	/* PREKEY per receiver an hour */
	int control_only;		/* no $RUNE_NAME overrides */
	/* ANONSEND (doc/protocol-v2.md 2): control/anonsend "off" (the
	 * default: anon_batch 0), "on" (16 4 7) or "BATCH PERDAY DAYS" */
	unsigned anon_batch;		/* tokens in a TOKENS batch, 0 off */
	unsigned anon_perday;		/* batches per address per day */
	unsigned anon_epochdays;	/* days of a token epoch */
	unsigned anon_cap;		/* anonymous messages per receiver
					 * per hour (control/anoncap) */
	int noidsend;			/* control/noidsend: 422 to an
					 * identified SEND */
	/* Sybils (doc/protocol-v2.md 2.9): no TOKENS in an address's first
	 * anon_wait seconds (control/anonwait); batches a day by how it was
	 * registered (control/anonperday_open, anonperday_invite; both
	 * anon_perday unless set; an address of unknown registration,
	 * recorded before this or loaded, gets anon_perday and no wait) */
	unsigned anon_wait;
	unsigned anon_perday_open;
	unsigned anon_perday_invite;
};

#define CONF_ANON_BATCH		16
#define CONF_ANON_PERDAY	4
#define CONF_ANON_EPOCHDAYS	7
#define CONF_ANON_CAP		100
#define CONF_ANON_WAIT		86400	/* seconds: 24 hours */
#define CONF_ANON_WAIT_MAX	(30 * 86400)

/* reads $RUNE_ROOT and its settings into c; on a bad setting prints why
 * and exits (100 invalid or missing, 111 unreadable) */
void conf_load(struct conf *c);

/* as conf_load, for the domain directory root */
void conf_load_root(struct conf *c, char const *root);

/* as conf_load_root, from control/ only: the helpers (rune-keys,
 * rune-store) ignore the $RUNE_NAME overrides, which their caller would
 * choose (doc/privsep.md) */
void conf_load_control(struct conf *c, char const *root);

/* "root/rel" into out[outmax]; exits 100 when too long */
void conf_path(char *out, size_t outmax, struct conf const *c,
    char const *rel);

#endif
