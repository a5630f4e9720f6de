/* v2.h: the client's side of forward secrecy (doc/protocol-v2.md 0, 1
 * and 3; doc/client.md "Forward secrecy"): the server's PREKEYS line,
 * the prekeys uploaded at every login (v2keys.c), the v2 send (a bundle
 * from PREKEY checked against the pins, a sender certificate, SEND ... 2:
 * v2send.c) and the v2 receive (1.6, the plaintext kept in a local
 * record before the one-time secret goes: v2recv.c). */
#ifndef V2_H
#define V2_H

#include <stddef.h>
#include <stdint.h>
#include "addr.h"
#include "conn.h"
#include "msg2stream.h"
#include "received.h"
#include "tokens.h"

#define V2_PREKEYS_MAX	1000	/* one-time keys made at most, whatever
				 * the server's line says */
#define V2_NOTAFTER_MAX	(60ULL * 86400)	/* A10: at most 60 days ahead */
#define V2_SKEW		3600ULL	/* seconds of clock skew allowed */
#define V2_SCERT_KEEP	3600ULL	/* a cached scert is used while it has
				 * so many seconds left */
#define V2_SCERT_MIN	600ULL	/* an anonymous send uses the cached
				 * scert while it has so many left */

/* what CAPABILITIES says (asked once per server and process) */
struct v2caps {
	uint64_t maxsize;	/* 0: none named */
	uint64_t prekeys;	/* PREKEYS <max>; 0: not offered */
	struct anoncaps anon;	/* ANONSEND and NOIDSEND (tokens.h) */
	char domain[RUNE_ADDR_MAX + 1];	/* DOMAIN; "": none named */
};

/* CAPABILITIES over cn (unless asked before of this server); unknown
 * lines are ignored; a malformed ANONSEND line exits 111 */
void v2_caps(struct conn *cn, struct v2caps *cp);

/* at every login and after register, when the server offers PREKEYS:
 * deletes expired secrets (A10), asks PREKEYS 0, and uploads a new
 * last-resort key (none held, or the newest older than 7 days, or not
 * the server's) and one-time keys (fewer than max / 4 left on the
 * server).  A refusal is a warning, not a failure of the login. */
void v2_login(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* 1: the server may be withholding one-time keys: an L-only message of
 * time t arrived while the server counted one-time keys of ours
 * (prekeys/status, written at each login: the count before the upload,
 * and the last upload before it) */
int v2_withheld(struct home const *h, uint64_t t);

/* what read and list say of a withheld-looking message (3.3) */
#define V2_WITHHELD "this message was sealed to your last-resort key " \
	"while the server still held one-time keys of yours: the server may " \
	"be withholding them (forward secrecy delayed until the last-resort " \
	"key is deleted)"

/* a receiver's bundle (3.2), checked */
struct v2bundle {
	unsigned char rpk[RUNE_PK_LEN];	/* Ed25519 key, checked against the
					 * pin (pinned on first use) */
	unsigned char spk[RUNE2_X_LEN];	/* last-resort key */
	unsigned char opk[RUNE2_X_LEN];	/* one-time key, or zeros */
	int onetime;			/* 1: opk is one */
};

/* PREKEY a: 1 b holds a checked bundle; 0 418 (the receiver has no
 * current keys).  Exits 100 loudly on a key that differs from the pin, a
 * bad psig, kind or not_after, an older last-resort key than the one
 * cached for a (A7), or a 418 while the cached one is still valid. */
int v2_prekey(struct conn *cn, struct addr const *a, struct v2bundle *b);

/* the own sender certificate: the cached one while it has V2_SCERT_KEEP
 * seconds left, else SENDERCERT (checked: the own address and key, csig
 * by the pinned server key) */
void v2_scert(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN]);

/* the cached sender certificate into scert when it is valid for
 * V2_SCERT_MIN seconds more: 1; 0 none such (no connection is made: an
 * anonymous send never logs in to get one) */
int v2_scert_cached(struct home const *h, struct hostport const *hp,
    struct addr const *me, unsigned char const sk[RUNE_SK_LEN],
    unsigned char scert[RUNE2_SCERT_LEN]);

/* at every login when the server offers ANONSEND (pinned): SENDERCERT
 * unless the cached one has V2_SCERT_KEEP seconds left (A4: on a
 * schedule, never because a send is pending); a refusal is a warning */
void v2_scert_login(struct conn *cn, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN]);

/* SEND a s->bsize 2, then the blob2 of s (msg2stream_begin done) made
 * from src as it is written (msg2stream_write); the message id into id */
void v2_send(struct conn *cn, struct addr const *a, struct msg2stream *s,
    struct msg2src const *src, char id[RUNE_ID_HEX_LEN + 1]);

/* receive (called by received_check): r->m holds an opened version 2
 * envelope; the rest of 1.6, the sender's key from scert against its pin
 * (no KEY), an anonymous message's tkh against the token key pins (A5,
 * tkh.h: TOKENKEY over cn, NULL offline, for an epoch with no pin; a
 * mismatch or a withheld key is rejected as MSG2_TKH_BAD, a key not to
 * be had leaves r->tkh_unchecked set), and, for a message that passes,
 * its local record written to cache/ID before the one-time secret is
 * deleted (r->stored then holds that record) */
enum received_status rx2_check(struct received *r, struct conn *cn,
    struct home const *h, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN]);

/* the steps of rx2_check that touch the blob2 and the payload: in
 * memory (rx2_check's) or in passes over temporary files
 * (rx2stream.c's); the verdicts, their order and what is kept and
 * deleted are rx2_check_ops's, one copy for both */
struct rx2ops {
	/* msg2_open_inner's verdicts */
	enum msg_verdict (*open)(struct received *r, void *arg,
	    unsigned char const sk[RUNE_SK_LEN],
	    unsigned char const lsec[RUNE2_X_LEN], unsigned char const *osec);
	/* msg2_check's */
	enum msg_verdict (*check)(struct received *r, void *arg,
	    char const *domain, unsigned char const server_pk[RUNE_PK_LEN]);
	/* the local record written (cache/ID), durably */
	void (*keep)(struct received *r, void *arg, struct home const *h,
	    unsigned char const sk[RUNE_SK_LEN]);
};

/* rx2_check with the steps ops gives (arg is theirs) */
enum received_status rx2_check_ops(struct received *r, struct conn *cn,
    struct home const *h, struct addr const *me,
    unsigned char const sk[RUNE_SK_LEN],
    unsigned char const server_pk[RUNE_PK_LEN], struct rx2ops const *ops,
    void *arg);

/* 1: b[0..len) starts with a local record's magic */
int rx2_is_local_head(unsigned char const *b, size_t len);

/* 1: b[0..len) is a local record (its magic) */
int rx2_is_local(unsigned char const *b, size_t len);

/* opens the local record in r->stored (a cached v2 message): the
 * status against today's pin; a one-time secret still held (a crash
 * after the record was written) is deleted now */
enum received_status rx2_local(struct received *r, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN]);

/* rx2_local for a large record, rec (cache/ID open), opened in passes
 * (localrec_open_fd): the payload in r->body from r->boff (r->big) */
enum received_status rx2_local_fd(struct received *r, struct home const *h,
    unsigned char const sk[RUNE_SK_LEN], struct paytmp *rec);

/* fetch: when cache/ID holds a local record, r as rx2_local leaves it;
 * else RECEIVED_GONE and r empty */
enum received_status rx2_cached(struct received *r, struct home const *h,
    char const *id, unsigned char const sk[RUNE_SK_LEN]);

/* "forward secret: yes", "forward secret: delayed (last-resort key)" or
 * "not forward secret (v1)" */
char const *received_secrecy(struct received const *r);

/* an anonymous message (mode 0x01): "sender hidden from the server",
 * with "(its token key could not be checked)" when r->tkh_unchecked;
 * NULL for an identified one */
char const *received_anonymity(struct received const *r);

#endif
