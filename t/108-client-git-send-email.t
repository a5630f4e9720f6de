#!/bin/sh
# 108-client-git-send-email.t: the real git send-email (Debian git-email)
# sends a patch through rune sendmail, both ways it can be told to:
# --sendmail-cmd and --smtp-server=PATH (a wrapper script); bob fetches
# into a Maildir and git am applies each patch, intact: the same tree,
# subject, body and author (name too, with git's own sender: fetch's
# From carries it) as the commit sent.
. t/lib/harness.sh
git send-email -h 2>&1 | grep -q -e '--sendmail-cmd' || {
	echo "Bail out! git send-email is not installed (make deps:" \
	    "git-email libmailtools-perl)"
	exit 1
}
h_domain
h_start
. t/lib/clientpair.sh
export HOME="$H" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_DATE='2026-01-02 03:04:05 +0000' \
    GIT_COMMITTER_DATE='2026-01-02 03:04:05 +0000'
g() { git -C "$H/repo" "$@"; }

git init -q "$H/repo" && g config user.name 'Alice Example' &&
    g config user.email alice@runetest &&
    printf 'line one\n' >"$H/repo/f" && g add f && g commit -q -m base &&
    printf 'zweite Zeile: Grüße\n\ttabbed  \nlast\n' >>"$H/repo/f" &&
    g commit -q -am 'f: more lines, one in UTF-8' \
        -m 'The body of the commit message, with ü.' &&
    g format-patch -q -1 -o "$H/patches"
ok $? "a repository, a commit, its patch" || exit 1
want_tree=$(g rev-parse HEAD^{tree})
g log -1 --format='%an <%ae>%n%s%n%n%b' >"$H/want"

# git send-email takes no address whose domain has no dot, as no RUNE
# domain has: receivers are bare user names, which rune sendmail takes as
# the own domain's, as sendmail takes a local user.  fetch's From carries
# the sender's display name when her From names her checked address, so
# git's own sender (the author) gives git am the author's name.
# 1: --sendmail-cmd (run by a shell, with -i and the receivers), the
# recipe of doc/client.md: git's own sender
git -C "$H/repo" send-email --to=bob --confirm=never --suppress-cc=all \
    --sendmail-cmd="$RUNE_BUILD/rune --server $S --home $H/alice sendmail" \
    "$H"/patches/*.patch </dev/null >"$H/se1.out" 2>&1 &&
    ! grep -q error "$H/se1.out"
ok $? "git send-email --sendmail-cmd='rune sendmail' --to=bob" ||
    diag "$H/se1.out"

# 2: --smtp-server=PATH (git send-email runs PATH as sendmail), a bare
# sender name (the older recipe: the author goes in the body's first line)
cat >"$H/rune-sendmail" <<W
#!/bin/sh
exec "$RUNE_BUILD/rune" --server "$S" --home "$H/alice" sendmail "\$@"
W
chmod +x "$H/rune-sendmail"
git -C "$H/repo" send-email --to=bob --from=alice --confirm=never \
    --suppress-cc=all --smtp-server="$H/rune-sendmail" \
    "$H"/patches/*.patch </dev/null >"$H/se2.out" 2>&1 &&
    ! grep -q error "$H/se2.out"
ok $? "git send-email --smtp-server=<a wrapper of rune sendmail> --from=alice --to=bob" ||
    diag "$H/se2.out"

rune $B fetch --maildir "$H/md" >"$H/f.out" 2>&1
[ $? = 0 ] && [ "$(ls "$H/md/new" | wc -l)" = 2 ]
ok $? "bob fetches both into a Maildir" || diag "$H/f.out"
m1=$(grep -l '^X-Rune-Original-From: Alice Example <alice@runetest>$' \
    "$H"/md/new/*)
m2=$(grep -l '^X-Rune-Original-From: alice$' "$H"/md/new/*)
[ -f "$m1" ] && [ -f "$m2" ]
ok $? "one message of each"

k=0
for m in "$m1" "$m2"; do
	k=$((k + 1))
	git clone -q "$H/repo" "$H/apply$k" &&
	    git -C "$H/apply$k" reset -q --hard HEAD~1 &&
	    git -C "$H/apply$k" am -q "$m" >"$H/am$k.out" 2>&1
	ok $? "git am applies the patch of message $k" || diag "$H/am$k.out"
	[ "$(git -C "$H/apply$k" rev-parse HEAD^{tree})" = "$want_tree" ]
	ok $? "... to the very tree of the commit sent"
	git -C "$H/apply$k" log -1 --format='%an <%ae>%n%s%n%n%b' >"$H/got$k"
done
grep -qx 'From: "Alice Example" <alice@runetest>' "$m1"
ok $? "fetch's From carries the author's name" || diag "$m1"
cmp -s "$H/want" "$H/got1"
ok $? "git's own sender (the recipe): the author, name too, subject and body" ||
    { diag "$H/want"; diag "$H/got1"; }
cmp -s "$H/want" "$H/got2"
ok $? "a bare sender name: the author, name too, subject and body" ||
    { diag "$H/want"; diag "$H/got2"; }

done_testing
