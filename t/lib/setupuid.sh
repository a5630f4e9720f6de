# setupuid.sh: sourced by t/50 and t/51 where they go on as the session's
# uid: without root (or useradd, groupadd, setuidgid) the rest is one
# skipped test and the end; else a real `rune-admin setup` of $R
# (users, owners, setuid helpers copied into $H/bin).
setupuid_skip() {
	h_n=$((h_n + 1))
	echo "ok $h_n # SKIP $1"
	done_testing
}
[ "$(id -u)" = 0 ] ||
    setupuid_skip "not root: no second uid to run the helpers as"
for p in useradd groupadd setuidgid; do
	command -v $p >/dev/null || setupuid_skip "$p not installed"
done
chmod 755 "$H"
mkdir -m 755 "$H/bin" && cp "$RUNE_BUILD/rune-keys" "$RUNE_BUILD/rune-store" \
    "$RUNE_BUILD/rune-session" "$RUNE_BUILD/rune-admin" "$H/bin/"
R=$H/sroot
RUNE_BINDIR=$H/bin "$H/bin/rune-admin" setup --root "$R" --domain runetest \
    --port "$(h_free_port)" --service "$H/svc" >"$H/setup.out" 2>&1
ok $? "rune-admin setup: users, setuid helpers" || diag "$H/setup.out"
