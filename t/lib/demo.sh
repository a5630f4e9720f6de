# demo.sh: sourced after t/lib/harness.sh: the demo server as `make run`
# starts it (rune-admin/run-demo.sh in $H/demo, on the free port $PORT),
# its output in $H/demo.out, its log in $H/log; it ends with the test.
mkdir -p "$H/demo" || exit 1
PORT=$(h_free_port)
top=$PWD
(cd "$H/demo" && RUNE_PORT=$PORT exec setsid sh "$top/rune-admin/run-demo.sh" \
    "$RUNE_BUILD") >"$H/demo.out" 2>"$H/log" &
demo=$!
trap 'kill -- -$demo 2>/dev/null; h_cleanup' EXIT
h_wait_port "$PORT" || { diag "$H/demo.out"; echo "Bail out! no demo server"; exit 1; }
