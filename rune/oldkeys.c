/* oldkeys.c: the replaced keys of addresses (oldkeys.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "die.h"
#include "fpr.h"
#include "key.h"
#include "oldkeys.h"
#include "pin.h"
#include "show.h"

#define REL_MAX 400

static int
visible(struct dirent const *d)
{
	return d->d_name[0] != '.';
}

/* the sorted entries of the home's directory rel; -1 when absent */
static int
entries(struct home const *h, char const *rel, struct dirent ***list)
{
	char path[HOME_PATH_MAX];
	int n;

	home_path(path, h, rel);
	n = scandir(path, list, visible, alphasort);
	if (n < 0 && errno != ENOENT)
		die_sys(RUNE_EXIT_TEMP, "unable to list %s", path);
	return n;
}

void
oldkeys_keep(struct home const *h, struct addr const *a)
{
	unsigned char pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char rel[REL_MAX], dir[REL_MAX], hex[RUNE_FPR_LEN * 2 + 1];
	char text[RUNE_KEY_TEXT_LEN + 1];

	snprintf(rel, sizeof rel, "pins/key/%s", a->s);
	if (pin_read(h, rel, pk, fp) != 1)
		return;
	snprintf(dir, sizeof dir, "pins/replaced/%s", a->s);
	sodium_bin2hex(hex, sizeof hex, fp, sizeof fp);
	key_fmt(text, pk);
	home_write_line(h, dir, hex, text);
}

int
oldkeys_find(struct home const *h, struct addr const *a,
    int (*fn)(unsigned char const pk[RUNE_PK_LEN], void *), void *arg,
    unsigned char fp[RUNE_FPR_LEN])
{
	unsigned char pk[RUNE_PK_LEN];
	struct dirent **list;
	char dir[REL_MAX], rel[REL_MAX * 2];
	int i, n, found = 0;

	snprintf(dir, sizeof dir, "pins/replaced/%s", a->s);
	n = entries(h, dir, &list);
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof rel, "%s/%.100s", dir, list[i]->d_name);
		if (!found && pin_read(h, rel, pk, fp) == 1 && fn(pk, arg))
			found = 1;
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	return found;
}

void
oldkeys_list(struct home const *h)
{
	unsigned char pk[RUNE_PK_LEN], fp[RUNE_FPR_LEN];
	char rel[REL_MAX * 2], dir[REL_MAX], ftext[RUNE_FPR_TEXT_LEN + 1];
	char ktext[RUNE_KEY_TEXT_LEN + 1];
	struct dirent **as, **ks;
	int i, j, na, nk;

	na = entries(h, "pins/replaced", &as);
	for (i = 0; i < na; i++) {
		snprintf(dir, sizeof dir, "pins/replaced/%.300s",
		    as[i]->d_name);
		nk = entries(h, dir, &ks);
		for (j = 0; j < nk; j++) {
			snprintf(rel, sizeof rel, "%s/%.100s", dir,
			    ks[j]->d_name);
			if (pin_read(h, rel, pk, fp) == 1) {
				fpr_fmt(ftext, fp);
				key_fmt(ktext, pk);
				show_printf("replaced %s %s %s\n",
				    as[i]->d_name, ftext, ktext);
			}
			free(ks[j]);
		}
		if (nk >= 0)
			free(ks);
		free(as[i]);
	}
	if (na >= 0)
		free(as);
}
