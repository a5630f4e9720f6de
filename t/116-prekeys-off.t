#!/bin/sh
# 116-prekeys-off.t: the PREKEYS extension and v1 (doc/protocol-v2.md
# 1.1, 1.4).  With control/prekeys absent or 0 the server is a v1 server
# byte for byte: a v1 client's session, with the v2 commands thrown in,
# gives exactly t/data/v1-transcript.txt, which was recorded from the
# server before PREKEYS existed (commit 8084500; nonces, challenges and
# ids masked).  With it on, CAPABILITIES adds `PREKEYS 200` before the
# final `ok`, the v2 commands answer, and every v1 line stays the same.
. t/lib/harness.sh
h_domain
. t/lib/msgparts.sh
cfg() { "$RUNE_BUILD/rune-admin" config --root "$RUNE_ROOT" "$@" >/dev/null 2>&1; }
cfg refusals 100
ok $? "refusals 100 (the transcript has 12)"

run() {
	h_start
	py "$1" <<'PY'
exec(open("t/lib/v1script.py").read())
if not os.path.exists(H + "/registered"):
    for a in ("alice@runetest", "bob@runetest"):
        talk.Session(PORT).register(a, rm.seed_of(a))
    open(H + "/registered", "w").close()
open(H + "/got", "w").write("\n".join(transcript()) + "\n")
PY
	h_stop
}

run "no control/prekeys"
diff t/data/v1-transcript.txt "$H/got" >"$H/diff"
ok $? "without control/prekeys: the v1 transcript byte for byte" || diag "$H/diff"
cfg prekeys 0
run "prekeys 0"
diff t/data/v1-transcript.txt "$H/got" >"$H/diff"
ok $? "control/prekeys 0: the v1 transcript byte for byte" || diag "$H/diff"

cfg prekeys 200
run "prekeys 200"
py compare <<'PY'
v1 = open("t/data/v1-transcript.txt").read().split("\n")
v2 = open(H + "/got").read().split("\n")
def replies(tr):
    """[(command, [reply lines])] of a transcript"""
    out, cur = [], None
    for l in tr[1:]:
        if l.startswith("C: "):
            cur = (l[3:], [])
            out.append(cur)
        elif l:
            cur[1].append(l)
    return out
a, b = replies(v1), replies(v2)
eq([c for c, _ in a], [c for c, _ in b], "the same commands")
v2cmds = ("PREKEYS", "PREKEY", "SENDERCERT")
def v2cmd(c):
    return c.split(" ")[0] in v2cmds or (c.startswith("SEND ") and len(c.split(" ")) == 4)
caps = [r for c, r in b if c == "CAPABILITIES"]
eq(caps[0][-2:], ["S: 250 PREKEYS 200", "S: 250 ok"], "CAPABILITIES: PREKEYS 200 before the final ok")
eq(caps[0], caps[1], "in both states")
same = [(c, r) for c, r in b if not v2cmd(c) and c != "CAPABILITIES"]
eq(same, [(c, r) for c, r in a if not v2cmd(c) and c != "CAPABILITIES"],
   "every v1 command's reply is the same")
eq([r[0] for c, r in b if v2cmd(c)], [
    "S: 411 authentication required", "S: 411 authentication required",
    "S: 411 authentication required", "S: 411 authentication required",
    "S: 250 0 0", "S: 420 limit reached", "S: 418 no RUNE-2 keys for this address",
    "S: 250 <b64>", "S: 400 syntax error: a RUNE-2 blob has at least 1137 octets",
    "S: 400 syntax error"], "the v2 commands: 411 before login, then their answers")
eq(v1[0], v2[0], "the same greeting")
PY
done_testing
