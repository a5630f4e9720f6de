/* mboxent.c: the name of a message file in cur/: TIME.ID.SIZE, the
 * arrival in ns as 16 lowercase hex digits, the id, the size in decimal
 * (doc/store.md). */
#include <string.h>

#include <sodium.h>

#include "hexid.h"
#include "mbox.h"
#include "num.h"

int
mbox_ent_parse(char const *s, struct mbox_msg *m)
{
	size_t len = strlen(s), n = 0;
	unsigned char t[8];
	char const *z = s + MBOX_TIME_LEN + 1 + RUNE_ID_HEX_LEN;

	if (len < MBOX_TIME_LEN + RUNE_ID_HEX_LEN + 3 || len > MBOX_ENT_MAX ||
	    s[MBOX_TIME_LEN] != '.' || *z != '.' ||
	    !hexid_lower(s, MBOX_TIME_LEN))
		return 0;
	if (!hexid_lower(s + MBOX_TIME_LEN + 1, RUNE_ID_HEX_LEN) ||
	    !num_parse(&m->size, z + 1, len - (size_t)(z + 1 - s)))
		return 0;
	memcpy(m->hex, s + MBOX_TIME_LEN + 1, RUNE_ID_HEX_LEN);
	m->hex[RUNE_ID_HEX_LEN] = '\0';
	if (sodium_hex2bin(t, sizeof t, s, MBOX_TIME_LEN, NULL, &n,
	    NULL) != 0 || n != sizeof t)
		return 0;
	m->time = num_unpack_be8(t);
	return 1;
}

size_t
mbox_ent_fmt(char out[MBOX_ENT_MAX + 1], struct mbox_msg const *m)
{
	unsigned char t[8];
	char *p = out;

	num_pack_be8(t, m->time);
	sodium_bin2hex(p, MBOX_TIME_LEN + 1, t, sizeof t);
	p += MBOX_TIME_LEN;
	*p++ = '.';
	memcpy(p, m->hex, RUNE_ID_HEX_LEN);
	p += RUNE_ID_HEX_LEN;
	*p++ = '.';
	p += num_fmt(p, m->size);
	return (size_t)(p - out);
}
