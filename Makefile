# RUNE: one Makefile, plain make.  `make` builds into $(B)/.
# SAN=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer.

B	?= build
PREFIX	?= /usr/local
DESTDIR	?=
BINDIR	= $(PREFIX)/bin
MANDIR	= $(PREFIX)/share/man

CC	?= cc
CFLAGS	= -std=c11 -O2 -g -Wall -Wextra -Werror \
	  -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	  -I/usr/include/bearssl -Ilib -MMD -MP
LDFLAGS	=
# the session and its helpers are linked statically: one exec of a static
# binary costs about half the CPU of a dynamic one (doc/performance.md)
STATIC	= -static
ifeq ($(SAN),1)
CFLAGS	+= -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=address,undefined
STATIC	=
endif

# NOIDSEND=1 compiles the identified SEND out of rune-session
# (doc/protocol-v2.md 2.7 S2, doc/admin.md): build it into a B of its own
ifeq ($(NOIDSEND),1)
CFLAGS	+= -DRUNE_NO_IDSEND
endif

PROGS	= rune-session rune-keys rune-store rune-admin rune
LIB	= $(B)/librune.a
# lib/san.c is no library member: it goes into the setuid helpers only
LIBSRC	= $(filter-out lib/san.c,$(wildcard lib/*.c))
SANOBJ	= $(B)/obj/lib/san.o
LIBOBJ	= $(LIBSRC:%.c=$(B)/obj/%.o)
TSRC	= $(wildcard t/[0-9][0-9]-*.c t/[0-9][0-9][0-9]-*.c)
TBIN	= $(TSRC:t/%.c=$(B)/t/%.t)
TLIB	= $(B)/libtest.a
TLIBOBJ	= $(patsubst %.c,$(B)/obj/%.o,$(wildcard t/lib/*.c))

# the dynamic twins (build/dyn) are what valgrind runs (t/22, t/49)
all: progs $(TBIN) $(B)/dyn/rune-session $(B)/dyn/rune-keys \
	$(B)/dyn/rune-store
# the programs alone: what `make run` builds (no jansson, no test programs)
progs: $(PROGS:%=$(B)/%)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

# each program: the objects of its directory (and extra objects), librune,
# its libraries
define prog
$(1)_OBJ = $$(patsubst %.c,$(B)/obj/%.o,$$(wildcard $(1)/*.c)) $(4)
$(B)/$(1): $$($(1)_OBJ) $(LIB)
	$(CC) $(LDFLAGS) $(3) -o $$@ $$($(1)_OBJ) $(LIB) $(2)
# a dynamic twin for valgrind, which cannot follow malloc in a static binary
$(B)/dyn/$(1): $$($(1)_OBJ) $(LIB)
	@mkdir -p $$(dir $$@)
	$(CC) $(LDFLAGS) -o $$@ $$($(1)_OBJ) $(LIB) $(2)
endef
$(eval $(call prog,rune-session,-lbearssl -lsodium -lcdb,$(STATIC)))
$(eval $(call prog,rune-keys,-lsodium -lcdb,$(STATIC),$(SANOBJ)))
$(eval $(call prog,rune-store,-lsodium -lcdb,$(STATIC),$(SANOBJ)))
$(eval $(call prog,rune-admin,-lbearssl -lsodium -lcdb,))
$(eval $(call prog,rune,-lbearssl -lsodium,))

# C unit tests: one TAP program each, linked with librune (and jansson to
# read the vectors, t/data/vectors.json)
$(TLIB): $(TLIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(TLIBOBJ)
$(B)/t/%.t: $(B)/obj/t/%.o $(TLIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(TLIB) $(LIB) -ljansson -lbearssl -lsodium -lcdb
# unit tests of the client's own modules (t/NN-rune-*.c) link its objects
# but its main
RUNE_MODS = $(filter-out $(B)/obj/rune/rune.o,$(rune_OBJ))
TRUNE	= $(patsubst t/%.c,$(B)/t/%.t,$(wildcard t/[0-9][0-9]-rune-*.c \
	t/[0-9][0-9][0-9]-rune-*.c))
$(TRUNE): $(B)/t/%.t: $(B)/obj/t/%.o $(TLIB) $(LIB) $(RUNE_MODS)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(RUNE_MODS) $(TLIB) $(LIB) -ljansson \
	    -lbearssl -lsodium -lcdb
$(TRUNE:$(B)/t/%.t=$(B)/obj/t/%.o): CFLAGS += -Irune

# Debian packages: RUN_DEPS build the programs and run the demo (`make
# run`); TEST_DEPS are what `make test` (and `make bench`) add: the C
# tests' jansson, the integration tests' tools, the sanitizers and clang,
# valgrind, the supervisors the ops tests drive, git for the fresh-clone
# test, strace for t/55's crashes, the mail programs t/103 drives,
# git send-email (git-email, and libmailtools-perl, which it needs but
# only recommends) for t/108.
# deps.sh installs what is missing (as root) or names it.
RUN_DEPS  = gcc make libc6-dev libbearssl-dev libsodium-dev libcdb-dev \
	    ucspi-tcp openssl
TEST_DEPS = libjansson-dev perl python3 python3-nacl valgrind clang \
	    libclang-rt-14-dev mandoc daemontools s6 procps systemd \
	    bsdextrautils git git-email libmailtools-perl strace mutt neomutt \
	    bsd-mailx
DEPS	  = $(RUN_DEPS) $(TEST_DEPS)
deps:
	@sh ./deps.sh $(DEPS)
run-deps:
	@sh ./deps.sh $(RUN_DEPS)

run: run-deps
	@$(MAKE) --no-print-directory progs
	@sh rune-admin/run-demo.sh $(B)

# the helpers refuse to run as root (lib/noroot.c); the tests run as root
# on CI, so they allow it; t/17 checks the refusal, t/43 the real uids.
# After each pass t/lib/leftovers.py fails the target if any process of
# this checkout's $(B) or $(B)-san is still alive (a test that leaked it),
# also when prove failed, so that its report shows up either way.
LEFTOVERS = /usr/bin/python3 t/lib/leftovers.py $(abspath $(B)) $(abspath $(B))-san
# both builds use every core: they are a good part of make test's time
NPROC	:= $(shell nproc 2>/dev/null || echo 1)
test: deps
	$(MAKE) -j$(NPROC) all
	RUNE_BUILD=$(abspath $(B)) RUNE_ALLOW_ROOT=1 prove --timer -e '' $(B)/t/ t/; \
	    st=$$?; $(LEFTOVERS) && exit $$st
	$(MAKE) -j$(NPROC) B=$(B)-san SAN=1 all
	RUNE_BUILD=$(abspath $(B))-san RUNE_SAN=1 RUNE_ALLOW_ROOT=1 \
	    prove --timer -e '' $(B)-san/t/ t/; st=$$?; $(LEFTOVERS) && exit $$st

bench: deps all
	@sh bench/run.sh $(abspath $(B))

clean:
	rm -rf $(B) $(B)-san $(B)-fuzz

# the programs (each finds its helpers in $RUNE_BINDIR or beside itself,
# lib/bindir.c), the man pages doc/*.[1578], the example service files
MANS	= $(wildcard doc/*.1 doc/*.5 doc/*.7 doc/*.8)
DOCS	= $(wildcard doc/*.md)
SHARE	= $(PREFIX)/share/rune
DOCDIR	= $(PREFIX)/share/doc/rune
install: $(PROGS:%=$(B)/%)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHARE)
	install -m 0755 $(PROGS:%=$(B)/%) $(DESTDIR)$(BINDIR)/
	for m in $(MANS); do d=$(DESTDIR)$(MANDIR)/man$${m##*.}; \
	  mkdir -p $$d && install -m 0644 $$m $$d/ || exit 1; done
	cp -R service/. $(DESTDIR)$(SHARE)/
	mkdir -p $(DESTDIR)$(DOCDIR)
	install -m 0644 $(DOCS) $(DESTDIR)$(DOCDIR)/
uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%)
	for m in $(MANS:doc/%=%); do \
	  rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$$m || exit 1; done
	rm -rf $(DESTDIR)$(SHARE) $(DESTDIR)$(DOCDIR)

# ---- fuzz targets (doc/fuzzing.md) ----
# fuzz/NAME.c is one target.  `make all` builds each with fuzz/driver.c
# as $(B)/fuzz/NAME, which replays the corpus t/fuzz/NAME/ (t/70, under
# make test: plain and SAN=1).  `make fuzz FUZZ_SECONDS=N` builds them
# with clang's libFuzzer (ASan, UBSan) in $(B)-fuzz and runs each for N
# seconds, new inputs in $(B)-fuzz/corpus/NAME; `make fuzz-merge` folds
# those into t/fuzz/NAME/, minimized (-merge=1).
FUZZERS	= line values reply msgopen invite mime session store keys
FUZZ_SECONDS ?= 60
FUZZ_B	= $(B)-fuzz
ifeq ($(LIBFUZZER),1)
CFLAGS	+= -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	   -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=fuzzer,address,undefined
STATIC	=
FUZZ_MAIN =
else
FUZZ_MAIN = $(B)/obj/fuzz/driver.o
endif
FUZZ_ALL = $(FUZZERS:%=$(B)/fuzz/%)
FUZZ_CLIENT = $(filter-out $(B)/obj/rune/rune.o,$(rune_OBJ))
fuzz_line_DEP =
fuzz_values_DEP =
fuzz_msgopen_DEP =
fuzz_reply_DEP = $(FUZZ_CLIENT)
fuzz_invite_DEP = $(FUZZ_CLIENT)
fuzz_mime_DEP = $(FUZZ_CLIENT)
fuzz_session_DEP = $(filter-out $(B)/obj/rune-session/rune-session.o,\
	$(rune-session_OBJ))
fuzz_store_DEP = $(B)/obj/fuzz/die.o $(filter-out \
	$(B)/obj/rune-store/rune-store.o $(SANOBJ),\
	$(rune-store_OBJ))
fuzz_keys_DEP = $(B)/obj/fuzz/die.o $(B)/obj/fuzz/rune-keys-main.o \
	$(filter-out $(B)/obj/rune-keys/rune-keys.o \
	$(SANOBJ),$(rune-keys_OBJ))
$(B)/obj/fuzz/%.o: CFLAGS += -Ifuzz
$(B)/obj/fuzz/reply.o $(B)/obj/fuzz/invite.o $(B)/obj/fuzz/mime.o: \
	CFLAGS += -Irune
$(B)/obj/fuzz/session.o: CFLAGS += -Irune-session
$(B)/obj/fuzz/store.o: CFLAGS += -Irune-store
$(B)/obj/fuzz/keys.o: CFLAGS += -Irune-keys
# rune-keys in process: its main under another name
$(B)/obj/fuzz/rune-keys-main.o: rune-keys/rune-keys.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Dmain=rune_keys_main -c -o $@ $<
.SECONDEXPANSION:
$(B)/fuzz/%: $(B)/obj/fuzz/%.o $(B)/obj/fuzz/util.o $(FUZZ_MAIN) \
	    $$(fuzz_$$*_DEP) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $< $(B)/obj/fuzz/util.o $(FUZZ_MAIN) \
	    $(fuzz_$*_DEP) $(LIB) -lbearssl -lsodium -lcdb
all: $(FUZZ_ALL)
fuzz-bins: $(FUZZ_ALL)

FUZZ_RUN = RUNE_BINDIR=$(abspath $(B)) RUNE_ALLOW_ROOT=1
# fork mode: a crash does not end a target's run (it exits 77 then); all
# are listed at the end
fuzz: deps all
	$(MAKE) B=$(FUZZ_B) LIBFUZZER=1 CC=clang fuzz-bins
	rm -rf $(FUZZ_B)/crashes && mkdir -p $(FUZZ_B)/crashes
	for t in $(FUZZERS); do mkdir -p $(FUZZ_B)/corpus/$$t && \
	  $(FUZZ_RUN) $(FUZZ_B)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) \
	    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	    -close_fd_mask=3 -artifact_prefix=$(FUZZ_B)/crashes/$$t- \
	    $(FUZZ_B)/corpus/$$t t/fuzz/$$t; \
	  r=$$?; [ $$r = 0 ] || [ $$r = 77 ] || exit 1; done
	@if ls $(FUZZ_B)/crashes | grep .; then \
	  echo "fuzz: crashes in $(FUZZ_B)/crashes" >&2; exit 1; fi
fuzz-merge:
	for t in $(FUZZERS); do $(FUZZ_RUN) $(FUZZ_B)/fuzz/$$t -merge=1 \
	    -close_fd_mask=3 t/fuzz/$$t $(FUZZ_B)/corpus/$$t || exit 1; done
.PHONY: fuzz fuzz-bins fuzz-merge
# ---- end of fuzz targets ----

.PHONY: all progs deps run-deps run test bench clean install uninstall
.SECONDARY:

-include $(wildcard $(B)/obj/*/*.d $(B)/obj/t/lib/*.d)
