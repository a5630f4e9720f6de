/* msgview.h: a received payload shown to a person (rune read): the header
 * fields a reader wants, decoded (RFC 2047); the text parts decoded
 * (quoted-printable, base64, charset to UTF-8); every other part listed
 * as an attachment (name, type, size), and written on request into a
 * directory under a safe name.  Everything printed goes through show.h
 * (terminal-safe). */
#ifndef MSGVIEW_H
#define MSGVIEW_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

struct msgwalk;

#define MSGVIEW_ATT_MAX 1000
#define MSGVIEW_NAME_MAX 200	/* octets of a saved file's name */

/* prints the fields Subject, To, Cc, Message-ID, In-Reply-To and
 * References of payload p[0..n), decoded, one line each */
void msgview_fields(unsigned char const *p, size_t n);

/* prints the text of p[0..n) and then the list of its attachments;
 * with savedir not NULL, also writes each attachment into savedir
 * (msgview_safe_name, never over an existing file: "name-2.ext", ...) and
 * prints where; exits 100 when savedir is not a directory, 111 when a
 * file cannot be written */
void msgview_body(unsigned char const *p, size_t n, char const *savedir);

/* the decoded payload text for quoting in a reply: the text parts,
 * decoded, appended to out */
void msgview_text(unsigned char const *p, size_t n, struct buf *out);

/* the end of what msgview_body prints, after a text of textlen octets:
 * the list of w's attachments, and with savedir their files (for
 * msgfile.c, whose walk is in w) */
void msgview_end(struct msgwalk *w, uint64_t textlen, char const *savedir);

/* a file name fit for one directory entry, made from a sender's name
 * s[0..n) into out[MSGVIEW_NAME_MAX + 1]: the part after the last '/' or
 * '\\', control octets and invalid UTF-8 made '_', leading dots and
 * blanks dropped, cut at MSGVIEW_NAME_MAX octets on a character boundary;
 * "attachment-K" (K = k) when nothing is left */
void msgview_safe_name(char const *s, size_t n, unsigned k,
    char out[MSGVIEW_NAME_MAX + 1]);

/* the size n as "123 B", "4.5 KiB", "5.0 MiB" into out[32] */
void msgview_size(char out[32], unsigned long long n);

#endif
