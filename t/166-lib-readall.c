/* 166-lib-readall: readall reads until its length or the end of the
 * file, whatever the reads hand out a time. */
#include <string.h>
#include <unistd.h>

#include "writeall.h"
#include "tap.h"

int
main(void)
{
	unsigned char buf[16];
	int p[2];

	if (pipe(p) < 0)
		bail("pipe");
	ok(write(p[1], "abc", 3) == 3 && write(p[1], "defg", 4) == 4,
	    "two writes");
	ok(readall(p[0], buf, 5) == 5 && !memcmp(buf, "abcde", 5),
	    "five octets across the two writes");
	close(p[1]);
	ok(readall(p[0], buf, 8) == 2 && !memcmp(buf, "fg", 2),
	    "the end of the file first: the two left");
	ok(readall(p[0], buf, 8) == 0, "at the end: none");
	close(p[0]);
	ok(readall(p[0], buf, 8) == 0, "a closed descriptor: none");
	return done();
}
