/* optval.h: an option's value on rune's command lines, one way for every
 * command: "--name VALUE" or "--name=VALUE" for a long option, "-x VALUE"
 * for a short one. */
#ifndef OPTVAL_H
#define OPTVAL_H

/* the value of option opt at argv[*i], moving *i past it; NULL when
 * argv[*i] is not opt; prints usage and exits 100 when opt is last on
 * the line without its value */
char const *optval(int argc, char **argv, int *i, char const *opt,
    char const *usage);

#endif
