/* watch.h: fetch --watch and --exec: a round run again and again in a
 * child (so that a failed round, e.g. the server down, does not end the
 * watch), and a command run for each new message. */
#ifndef WATCH_H
#define WATCH_H

/* runs round(arg) in a child process every secs seconds until SIGINT or
 * SIGTERM; a round that fails is reported and the watch goes on;
 * returns 0 */
int watch_loop(unsigned secs, void (*round)(void *), void *arg);

/* runs cmd (split at blanks, no shell; the first word looked up in
 * $PATH) with RUNE_ID, RUNE_FROM and RUNE_FILE set in its environment,
 * and waits for it; a failure is reported, never fatal */
void watch_exec(char const *cmd, char const *id, char const *from,
    char const *file);

#endif
