#!/bin/sh
# The Makefile's packages: `make run` checks only RUN_DEPS (the compiler,
# make, the three libraries, ucspi-tcp, openssl) and builds only the
# programs; `make deps` (what `make test` and .ci/run use) checks those
# and TEST_DEPS; without dpkg-query, deps.sh says it could not check and
# lists the Debian names instead of calling everything missing.
. t/lib/harness.sh
RUN="gcc make libc6-dev libbearssl-dev libsodium-dev libcdb-dev ucspi-tcp openssl"
TESTONLY="libjansson-dev python3-nacl valgrind clang libclang-rt-14-dev s6 daemontools systemd git"

# a dpkg-query that logs the package it is asked about and says installed
mkdir -p "$H/fake" "$H/empty" &&
    cat >"$H/fake/dpkg-query" <<SH &&
#!/bin/sh
for a; do p=\$a; done
echo "\$p" >>"$H/asked"
printf 'install ok installed'
SH
    chmod +x "$H/fake/dpkg-query"
ok $? "a fake dpkg-query"
sorted() { tr ' ' '\n' | grep . | sort | tr '\n' ' '; }

: >"$H/asked"
PATH="$H/fake:$PATH" make -s --no-print-directory run-deps >"$H/rd.out" 2>&1
ok $? "make run-deps: all installed" || diag "$H/rd.out"
is "$(sorted <"$H/asked")" "$(echo $RUN | sorted)" \
    "make run checks exactly the packages to build and run"

: >"$H/asked"
PATH="$H/fake:$PATH" make -s --no-print-directory deps >"$H/d.out" 2>&1
ok $? "make deps: all installed" || diag "$H/d.out"
miss=
for p in $RUN $TESTONLY; do grep -qx "$p" "$H/asked" || miss="$miss $p"; done
is "$miss" "" "make deps (make test, .ci/run) checks those and the test packages"

grep -q '^run: run-deps$' Makefile && grep -q '^test: deps$' Makefile
ok $? "run needs run-deps, test needs deps"

# make run builds the programs, not the C tests (jansson is a test package)
make -n --no-print-directory run B="$H/b" >"$H/n.out" 2>&1
grep -q -- "-o $H/b/rune-session " "$H/n.out" &&
    ! grep -q -e '-ljansson' -e "$H/b/t/" -e "$H/b/dyn/" "$H/n.out"
ok $? "make run builds the programs only: no test program, no jansson" ||
    grep -e jansson -e "/t/" "$H/n.out" | head -5 | sed 's/^/# /'

# no dpkg-query: says so plainly, lists the names, does not stop the build
PATH=$H/empty /bin/sh ./deps.sh gcc libsodium-dev ucspi-tcp >"$H/nd.out" 2>&1
is "$?" 0 "deps.sh without dpkg-query: exit 0 (the build will tell)"
grep -q 'dpkg-query not found: could not check' "$H/nd.out" &&
    grep -q 'Debian package names.*: gcc libsodium-dev ucspi-tcp$' "$H/nd.out"
ok $? "it says it could not check and lists the Debian names" || diag "$H/nd.out"
! grep -qi -e 'missing' -e 'installing' "$H/nd.out"
ok $? "and does not call them missing" || diag "$H/nd.out"
done_testing
