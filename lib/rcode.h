/* rcode.h: the reply codes of spec section 4, in one table: the text
 * the spec gives each and whether the server closes after it.  The
 * session replies by it, the client knows by it when the server has
 * closed. */
#ifndef RCODE_H
#define RCODE_H

struct rcode {
	int code;
	char const *text;	/* the spec's text (a template for 2xx/3xx) */
	int closes;		/* 1: the server closes the connection after it */
};

/* the row of code, or NULL for a code the spec does not name */
struct rcode const *rcode_find(int code);

/* 1: the server closes after a reply with code (221, 407, 408, 410,
 * 412, 414, 421), 0 otherwise (an unknown code included) */
int rcode_closes(int code);

/* the spec's text of code, or "" for a code it does not name */
char const *rcode_text(int code);

#endif
