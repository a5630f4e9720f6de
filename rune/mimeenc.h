/* mimeenc.h: the encodings of an outgoing message (RFC 2045, 2047,
 * 2231, 5322): quoted-printable, base64 lines, encoded words, file name
 * parameters and the date. */
#ifndef MIMEENC_H
#define MIMEENC_H

#include <stddef.h>
#include <time.h>
#include "buf.h"

#define MIMEENC_DATE_MAX 64
#define MIMEENC_LINE_MAX 998	/* RFC 5322 2.1.1, without CRLF */

/* 1: p[0..n) can go as 7bit text: printable US-ASCII, tab and line
 * ends (LF or CRLF) only, lines of at most MIMEENC_LINE_MAX octets */
int mimeenc_is_7bit(unsigned char const *p, size_t n);

/* appends p[0..n) with every line end made CRLF, ending with CRLF */
void mimeenc_crlf(struct buf *out, unsigned char const *p, size_t n);

/* the octet c of a line (last: the line's last) as quoted-printable
 * puts it into t: itself (1) or =XX (3); the count */
size_t mimeenc_qp_octet(char t[3], unsigned char c, int last);

/* appends p[0..n) as quoted-printable (lines end CRLF, at most 76
 * columns, LF or CRLF in p taken as line ends) */
void mimeenc_qp(struct buf *out, unsigned char const *p, size_t n);

/* appends p[0..n) in base64 (sodium), lines of 76 characters, CRLF */
void mimeenc_b64(struct buf *out, unsigned char const *p, size_t n);

/* appends the header value s[0..n): as it is when it is short printable US-ASCII, else as RFC 2047
 * UTF-8 B encoded words, folded, never splitting a UTF-8 sequence */
void mimeenc_header_text(struct buf *out, char const *s, size_t n);

/* appends "; param=\"name\"" or the RFC 2231 "; param*=utf-8''%XX..."
 * form when name holds anything but plain characters */
void mimeenc_param(struct buf *out, char const *param, char const *name);

/* the RFC 5322 date of t in local time, "Tue, 02 Jan 2024 15:04:05
 * +0100"; exits 111 when the time does not convert */
void mimeenc_date(char out[MIMEENC_DATE_MAX], time_t t);

/* a media type for the file name (by its extension), else
 * application/octet-stream */
char const *mimeenc_type(char const *name);

/* 1: p[0..n) is well-formed UTF-8 (RFC 3629: no overlong form, no
 * surrogate, nothing above U+10FFFF, no NUL); US-ASCII is */
int mimeenc_utf8_ok(unsigned char const *p, size_t n);

/* appends the Content-Type of an attachment named name holding p[0..n):
 * the type mimeenc_type gives; a text type with its charset
 * (charset=us-ascii or charset=utf-8), or application/octet-stream when
 * the octets are neither (their charset unknown, they go as they are) */
void mimeenc_att_type(struct buf *out, char const *name,
    unsigned char const *p, size_t n);

#endif
