#!/bin/bash
# `capdash run`, `runs` and `attach` headless, with the fake trainer:
# exit statuses pass through, a dropped terminal (SIGHUP) leaves the run
# going with no record lost, --detach returns at once, a scenario's
# run.command is refused without a terminal unless --yes.
set -u
B=${CAPDASH_BUILD:-$PWD/build}
C="$B/capdash"
T="$B/tests/helpers/faketrain"
export XDG_STATE_HOME=$(mktemp -d)
export CAPDASH_NVML_LIB=/nonexistent
trap 'rm -rf "$XDG_STATE_HOME"' EXIT
fail=0
ok() { echo "ok $1"; }
not_ok() { echo "not ok $1: $2"; fail=1; }

out=$("$C" run -- "$T" proto 20 </dev/null 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q 'finished after' <<<"$out" && ok "run: finished, status 0" || not_ok "run: finished" "rc=$rc $out"
"$C" run -- "$T" exit3 </dev/null >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] && ok "run: the child's exit status 3 passes through" || not_ok "run exit3" "rc=$rc"
"$C" run -- "$T" crash </dev/null >/dev/null 2>&1; rc=$?
[ $rc -eq $((128 + 11)) ] && ok "run: a crash gives 128+SIGSEGV" || not_ok "run crash" "rc=$rc"
out=$("$C" run -- /nonexistent/train </dev/null 2>&1); rc=$?
[ $rc -eq 127 ] && grep -q 'could not start: No such file' <<<"$out" && ok "run: a bad path says why, status 127" || not_ok "run bad path" "rc=$rc $out"

id=$("$C" run --detach --name det -- "$T" proto 50 10 2>/dev/null); rc=$?
[ $rc -eq 0 ] && [ -n "$id" ] && ok "run --detach prints the id" || not_ok "detach" "rc=$rc"
for _ in $(seq 100); do "$C" runs | grep -q "$id *finished" && break; sleep 0.05; done
"$C" runs | grep -q "$id *finished *50" && ok "runs lists the detached run, finished, step 50" || not_ok "runs" "$("$C" runs)"
n=$("$C" attach "$id" </dev/null | grep -c '^[0-9.]* step=')
[ "$n" -eq 50 ] && ok "attach (no tty) prints all 50 points" || not_ok "attach history" "got $n"

# SIGHUP to the foreground capdash: it goes, the run stays and finishes.
setsid "$C" run --name hup -- "$T" proto 200 10 </dev/null >/dev/null 2>&1 &
pid=$!
sleep 0.5
kill -HUP $pid; wait $pid
dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-hup)
for _ in $(seq 200); do grep -q '"ended":true' "$dir/status" 2>/dev/null && break; sleep 0.05; done
n=$(grep -c '"type":"point"' "$dir/metrics.jsonl")
grep -q '"exit_code":0' "$dir/status" && [ "$n" -eq 200 ] && ok "SIGHUP leaves the run going, 200 of 200 points" || not_ok "SIGHUP" "points $n, $(cat "$dir/status")"

sc="$XDG_STATE_HOME/evil.yaml"
{ cat "${CAPDASH_SRC:-.}/scenarios/seed-image-recognition.yaml"
  printf 'run:\n  command: ["%s", "proto", "3"]\n' "$T"; } >"$sc"
out=$("$C" run --scenario "$sc" </dev/null 2>&1); rc=$?
[ $rc -ne 0 ] && grep -q 'needs confirmation' <<<"$out" && ok "a scenario's run.command is refused without a terminal" || not_ok "safety" "rc=$rc $out"
out=$("$C" run --yes --scenario "$sc" </dev/null 2>&1); rc=$?
[ $rc -eq 0 ] && ok "--yes starts it" || not_ok "--yes" "rc=$rc $out"
if command -v script >/dev/null; then
	out=$(echo n | script -qec "'$C' run --scenario '$sc'" /dev/null 2>&1); rc=$?
	[ $rc -ne 0 ] && grep -q "proto 3" <<<"$out" && grep -q 'Start it? \[y/N\]' <<<"$out" &&
		ok "on a terminal the exact argv is shown and N refuses" || not_ok "ask N" "rc=$rc $out"
	out=$(echo y | script -qec "'$C' run --scenario '$sc'" /dev/null 2>&1); rc=$?
	[ $rc -eq 0 ] && grep -q 'finished after' <<<"$out" && ok "y starts it" || not_ok "ask y" "rc=$rc $out"
fi
exit $fail
