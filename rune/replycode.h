/* replycode.h: what a reply code means to the user, and the exit it gives. */
#ifndef REPLYCODE_H
#define REPLYCODE_H

/* a sentence for the reply code (section 4), for messages */
char const *replycode_text(int code);

/* the exit code for a refusing or failing reply: 100 for 4xx (the same
 * request will be refused again), 111 for 421 and 451 (temporary),
 * 5xx and anything else */
int replycode_exit(int code);

#endif
