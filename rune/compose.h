/* compose.h: where a message's text and attachments come from: a file,
 * stdin, or the user's editor. */
#ifndef COMPOSE_H
#define COMPOSE_H

#include "buf.h"
#include "home.h"

#define COMPOSE_FILE_MAX (1UL << 30)	/* octets read from one source */

#define COMPOSE_HEAD_MAX (256UL * 1024)	/* a header read for a field */

/* appends the file path's ("-": stdin's) header to b: up to its first
 * empty line, at most about COMPOSE_HEAD_MAX octets (the rest of stdin
 * is read and dropped); exits 100 when it is not a readable file, 111
 * on a read error */
void compose_read_head(struct buf *b, char const *path);

/* the text of a message copied into s (textsrc.h) in pieces, never
 * whole in memory: from path ("-": stdin); with path NULL, from the
 * editor when stdin is a terminal, else from stdin.  The editor
 * ($VISUAL, $EDITOR, else vi; split at spaces, run without a shell)
 * edits a file made 0600 in the home's tmp/ starting with
 * quote[0..qlen) (the original of a reply, quoted), removed once it is
 * open again.  Exits 100 when the editor fails or leaves the text
 * empty, as textsrc_fd when the text cannot be read. */
struct textsrc;
void compose_text_src(struct textsrc *s, char const *path,
    struct home const *h, unsigned char const *quote, size_t qlen);

#endif
