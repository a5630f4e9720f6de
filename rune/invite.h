/* invite.h: what "rune register --invite" takes: a bare invitation token,
 * or an invitation URI that also names the server and the fingerprints
 * to pin before the first connection:
 *     rune://TOKEN@HOST[:PORT]/?tls=FPR&key=FPR                        */
#ifndef INVITE_H
#define INVITE_H

#include "hostport.h"
#include "rune.h"

#define INVITE_TOKEN_MAX 200

struct invite {
	char token[INVITE_TOKEN_MAX + 1];
	int uri;			/* 1: the fields below are set */
	struct hostport hp;
	unsigned char tls[RUNE_FPR_LEN];	/* the TLS key's fingerprint */
	unsigned char key[RUNE_FPR_LEN];	/* the RUNE key's fingerprint */
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
