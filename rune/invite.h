/* invite.h: what "rune register --invite" and "rune join" take: a bare
 * invitation token, or an invitation URI that also names the server, the
 * fingerprints to pin before the first connection and (rune-admin invite
 * writes it; join needs it) the invited address:
 *     rune://TOKEN@HOST[:PORT]/[ADDRESS]?tls=FPR&key=FPR               */
#ifndef INVITE_H
#define INVITE_H

#include "addr.h"
#include "hostport.h"
#include "rune.h"

#define INVITE_TOKEN_MAX 200

struct invite {
	char token[INVITE_TOKEN_MAX + 1];
	int uri;			/* 1: the fields below are set */
	struct hostport hp;
	unsigned char tls[RUNE_FPR_LEN];	/* the TLS key's fingerprint */
	unsigned char key[RUNE_FPR_LEN];	/* the RUNE key's fingerprint */
	int have_addr;			/* 1: the URI named the address */
	struct addr addr;
};

/* 1: iv holds the token (and, for a URI, the server and pins) of s;
 * 0: neither a token nor a complete invitation URI */
int invite_parse(struct invite *iv, char const *s);

/* reads an invitation (a token or a URI, one line, blanks around it
 * ignored) from the file path, or from standard input when path is "-"
 * (asking without echo when it is a terminal), never from argv, and
 * parses it into iv; exits 100 when it is neither, 111 when it cannot
 * be read.  Every copy but iv is wiped. */
void invite_read(struct invite *iv, char const *path);

#endif
