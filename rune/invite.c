/* invite.c: invitation tokens and URIs.  A token is 1 to 200 of the
 * URI's unreserved characters; a URI must carry both fingerprints, so a
 * first contact made through it is verified from its first octet; its
 * path, when not empty, is the invited address. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "addr.h"
#include "die.h"
#include "fpr.h"
#include "invite.h"

#define SCHEME "rune://"
#define SCHEME_LEN 7

static int
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* copies the token s[0..len) into iv; 1 ok */
static int
token(struct invite *iv, char const *s, size_t len)
{
	size_t i;

	if (len == 0 || len > INVITE_TOKEN_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!token_char(s[i]))
			return 0;
	memcpy(iv->token, s, len);
	iv->token[len] = '\0';
	return 1;
}

/* the query "tls=FPR&key=FPR", either order, each exactly once */
static int
query(struct invite *iv, char const *s, size_t len)
{
	int have_tls = 0, have_key = 0;

	while (len > 0) {
		char const *amp = memchr(s, '&', len);
		size_t n = amp ? (size_t)(amp - s) : len;

		if (n > 4 && memcmp(s, "tls=", 4) == 0 && !have_tls &&
		    fpr_parse(iv->tls, s + 4, n - 4))
			have_tls = 1;
		else if (n > 4 && memcmp(s, "key=", 4) == 0 && !have_key &&
		    fpr_parse(iv->key, s + 4, n - 4))
			have_key = 1;
		else
			return 0;
		s += n;
		len -= n;
		if (amp != NULL) {
			s++;
			len--;
			if (len == 0)
				return 0;
		}
	}
	return have_tls && have_key;
}

int
invite_parse(struct invite *iv, char const *s)
{
	size_t len = strlen(s), hlen;
	char const *at, *end, *q;

	memset(iv, 0, sizeof *iv);
	if (len < SCHEME_LEN || memcmp(s, SCHEME, SCHEME_LEN) != 0)
		return token(iv, s, len);
	s += SCHEME_LEN;
	len -= SCHEME_LEN;
	at = memchr(s, '@', len);
	if (at == NULL || !token(iv, s, (size_t)(at - s)))
		return 0;
	len -= (size_t)(at + 1 - s);
	s = at + 1;
	q = memchr(s, '?', len);
	if (q == NULL)
		return 0;
	end = memchr(s, '/', (size_t)(q - s));
	if (end == NULL)
		end = q;
	hlen = (size_t)(end - s);
	if (!hostport_parse(&iv->hp, s, hlen))
		return 0;
	if (end < q && q - end > 1) {
		if (!addr_parse(&iv->addr, end + 1, (size_t)(q - end - 1)))
			return 0;
		iv->have_addr = 1;
	}
	if (!query(iv, q + 1, len - (size_t)(q + 1 - s)))
		return 0;
	iv->uri = 1;
	return 1;
}

#define TEXT_MAX 1024		/* octets read: a URI is well under */
#define PROMPT "invitation (token or rune:// URI; not echoed): "

static struct termios saved;
static volatile sig_atomic_t echo_off;

/* a signal while the echo is off: the terminal back as it was, then the
 * signal's usual end */
static void
restore(int sig)
{
	if (echo_off)
		(void)tcsetattr(0, TCSAFLUSH, &saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* reads up to max octets of fd into buf, stopping after a LF when
 * one_line; returns the count; exits 111 on a read error, 100 when the
 * text is longer than max */
static size_t
read_text(int fd, char *buf, size_t max, int one_line, char const *name)
{
	size_t n = 0;
	ssize_t r;

	for (;;) {
		if (n == max)
			die(RUNE_EXIT_PERM, "%s: more than %zu octets: not an "
			    "invitation", name, max - 1);
		r = read(fd, buf + n, max - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die_sys(RUNE_EXIT_TEMP, "unable to read %s", name);
		if (r == 0)
			return n;
		n += (size_t)r;
		if (one_line && memchr(buf, '\n', n) != NULL)
			return n;
	}
}

/* reads the terminal on fd 0 without echo, after the prompt */
static size_t
read_tty(char *buf, size_t max)
{
	struct termios t;
	size_t n;
	int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	size_t i;

	if (tcgetattr(0, &saved) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to read the terminal");
	t = saved;
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ECHONL;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], restore);
	if (write(2, PROMPT, sizeof PROMPT - 1) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to write the prompt");
	echo_off = 1;
	if (tcsetattr(0, TCSAFLUSH, &t) < 0)
		die_sys(RUNE_EXIT_TEMP, "unable to turn the echo off");
	n = read_text(0, buf, max, 1, "the terminal");
	if (tcsetattr(0, TCSAFLUSH, &saved) < 0)
		warn_sys("unable to turn the echo back on");
	echo_off = 0;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	return n;
}

/* text of several lines (what rune-admin invite prints: a line about
 * the invitation, then the URI): moves the one line that starts with
 * rune:// to the front and returns its length; else returns n */
static size_t
uri_line(char *buf, size_t n)
{
	char *l = buf, *e, *found = NULL;
	size_t k;

	if (memchr(buf, '\n', n) == NULL)
		return n;
	for (; l < buf + n; l = e + 1) {
		e = memchr(l, '\n', (size_t)(buf + n - l));
		if (e == NULL)
			e = buf + n;
		while (l < e && (*l == ' ' || *l == '\t'))
			l++;
		if (e - l >= SCHEME_LEN && memcmp(l, SCHEME, SCHEME_LEN) == 0) {
			if (found)
				return n;	/* two: refused below */
			found = l;
		}
	}
	if (!found)
		return n;
	e = memchr(found, '\n', (size_t)(buf + n - found));
	k = e ? (size_t)(e - found) : (size_t)(buf + n - found);
	memmove(buf, found, k);
	return k;
}

void
invite_read(struct invite *iv, char const *path)
{
	char buf[TEXT_MAX + 1];
	size_t n, a, b;
	int fd, ok;

	if (strcmp(path, "-") == 0) {
		n = isatty(0) ? read_tty(buf, sizeof buf - 1) :
		    read_text(0, buf, sizeof buf - 1, 0, "stdin");
	} else {
		fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			die_sys(errno == ENOENT || errno == EACCES ?
			    RUNE_EXIT_PERM : RUNE_EXIT_TEMP, "unable to open %s",
			    path);
		n = read_text(fd, buf, sizeof buf - 1, 0, path);
		close(fd);
	}
	buf[n] = '\0';
	n = uri_line(buf, n);
	for (a = 0; a < n && (buf[a] == ' ' || buf[a] == '\t' ||
	    buf[a] == '\r' || buf[a] == '\n'); a++)
		;
	for (b = n; b > a && (buf[b - 1] == ' ' || buf[b - 1] == '\t' ||
	    buf[b - 1] == '\r' || buf[b - 1] == '\n'); b--)
		;
	memmove(buf, buf + a, b - a);
	buf[b - a] = '\0';
	ok = b > a && memchr(buf, '\n', b - a) == NULL &&
	    memchr(buf, '\0', b - a) == NULL && invite_parse(iv, buf);
	sodium_memzero(buf, sizeof buf);
	if (!ok)
		die(RUNE_EXIT_PERM, "%s: neither an invitation token nor an "
		    "invitation URI (rune://TOKEN@HOST:PORT/ADDRESS?tls=FPR&"
		    "key=FPR) alone on one line, nor several lines with one "
		    "URI", strcmp(path, "-") == 0 ? "stdin" : path);
}
