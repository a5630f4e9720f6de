/* msgfile.h: a large received payload shown as msgview.h shows one in
 * memory, from its file and in bounded memory (rune read, rune reply of
 * a message checked in passes): a part of at most 256 KiB is read whole
 * and walked in memory (msgwalk.h), a larger one has its head read, a
 * multipart's delimiter lines found in a window and its bodies decoded
 * in pieces (msgfile.c says where the output may differ: lines longer
 * than 64 KiB, a header section longer than 64 KiB). */
#ifndef MSGFILE_H
#define MSGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "paytmp.h"

/* msgview_body of the payload that is the n octets of f from off */
void msgfile_body(struct paytmp *f, uint64_t off, uint64_t n,
    char const *savedir);

/* msgview_text of it, its text kept up to max + 1 octets (more than
 * max: cut) */
void msgfile_text(struct paytmp *f, uint64_t off, uint64_t n,
    struct buf *out, size_t max);

#endif
