/* progress.c: the progress meter, as progress.h says. */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"

void
progress_init(struct progress *p, char const *what, uint64_t total)
{
	p->on = total >= PROGRESS_MIN && isatty(2);
	p->last = -1;
	p->what = what;
	p->total = total;
}

void
progress_show(struct progress *p, uint64_t done)
{
	int pc;

	if (!p->on)
		return;
	pc = (int)(done * 100 / p->total);
	if (pc != p->last)
		fprintf(stderr, "\r%s: %3d%%%s", p->what, pc,
		    done == p->total ? "\n" : "");
	p->last = pc;
}
