#!/bin/bash
# `capdash run`, `runs` and `attach` headless, with the fake trainer:
# exit statuses pass through, a dropped terminal (SIGHUP) leaves the run
# going with no record lost, --detach returns at once, a scenario's
# run.command is refused without a terminal unless --yes; Ctrl-C is a stop
# ("stopped", not "failed") and says once how to keep a run going; a
# supervisor killed with SIGKILL reads as lost with what is known; `runs`
# fits COLUMNS and prints losses with one precision.
# Every run this script starts is killed on exit, whatever happened.
set -u
B=${CAPDASH_BUILD:-$PWD/build}
C="$B/capdash"
T="$B/tests/helpers/faketrain"
export XDG_STATE_HOME=$(mktemp -d)
export CAPDASH_NVML_LIB=/nonexistent
unset COLUMNS
# The process group and the supervisor of every run not recorded as ended.
. "$(dirname "$0")/killruns.inc"
kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; rm -rf "$XDG_STATE_HOME"' EXIT
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

# Ctrl-C on a foreground run: a stop, said once, listed as stopped.
setsid "$C" run --name ctrlc -- "$T" stall 3 50 </dev/null >"$XDG_STATE_HOME/ctrlc.out" 2>&1 &
pid=$!
dir=
for _ in $(seq 100); do
	dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-ctrlc 2>/dev/null)
	[ -n "$dir" ] && grep -q '"step":3' "$dir/metrics.jsonl" 2>/dev/null && break
	sleep 0.05
done
kill -INT $pid; wait $pid; rc=$?
out=$(cat "$XDG_STATE_HOME/ctrlc.out")
[ "$(grep -c -- '--detach' <<<"$out")" -eq 1 ] && grep -q 'stopping run .*-ctrlc' <<<"$out" &&
	ok "Ctrl-C: says once that --detach keeps a run going" || not_ok "Ctrl-C message" "$out"
grep -q 'ctrlc stopped after' <<<"$out" && ! grep -q 'failed' <<<"$out" &&
	ok "Ctrl-C: the summary says stopped, not failed" || not_ok "Ctrl-C summary" "$out"
[ $rc -eq 143 ] && ok "Ctrl-C: the command's own status (143)" || not_ok "Ctrl-C status" "rc=$rc"
grep -q '"state":"stopped"' "$dir/status" && grep -q '"stopped":true' "$dir/status" &&
	ok "status says stopped" || not_ok "status stopped" "$(cat "$dir/status")"
"$C" runs | grep -Eq -- "-ctrlc +stopped +3 " && ok "runs lists it as stopped" ||
	not_ok "runs stopped" "$("$C" runs)"

# --gpus N is recorded with where it came from.
"$C" run --gpus 3 --name gpus -- "$T" proto 2 </dev/null >/dev/null 2>&1
grep -q '"gpus":3,"gpu_source":"--gpus"' "$XDG_STATE_HOME"/capdash/runs/*-gpus/command &&
	ok "--gpus 3 is recorded with its source" ||
	not_ok "--gpus" "$(cat "$XDG_STATE_HOME"/capdash/runs/*-gpus/command)"
out=$("$C" run --name nogpu -- "$T" proto 2 </dev/null 2>&1)
grep -q '\$0.00 spent (0 GPUs, none detected)' <<<"$out" &&
	ok "a run without GPUs says why it costs \$0.00" || not_ok "no GPU why" "$out"

# kill -9 of the supervisor: lost, with what is known, and no longer costing.
pf="$XDG_STATE_HOME/lost.pid"
"$C" run --detach --name lost -- "$T" pidfile "$pf" </dev/null >/dev/null 2>&1
for _ in $(seq 100); do [ -s "$pf" ] && break; sleep 0.05; done
dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-lost)
sup=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$dir/status")
pg=$(sed -n 's/.*"pgid":\([0-9]*\).*/\1/p' "$dir/status")
kill -KILL "$sup"
for _ in $(seq 100); do "$C" runs | grep -q -- '-lost *lost' && break; sleep 0.05; done
line=$("$C" runs | grep -- '-lost ')
grep -q 'lost: supervisor gone [0-9]*s ago, training still running' <<<"$line" &&
	ok "runs: lost, supervisor gone, training still running" || not_ok "lost runs" "$line"
out=$("$C" attach --summary "$dir" </dev/null)
grep -q "supervisor (pid $sup) gone; last heard from .* ago at [0-9:]*; the training process (pgid $pg) is still running" <<<"$out" &&
	ok "attach: supervisor pid, when last heard, the group still running" || not_ok "lost summary" "$out"
kill -KILL -- "-$pg"
for _ in $(seq 100); do "$C" runs | grep -q -- '-lost .*training ended' && break; sleep 0.05; done
"$C" runs | grep -q -- '-lost .*lost: supervisor gone .*, training ended' &&
	ok "runs: and once the group is gone, training ended" || not_ok "lost ended" "$("$C" runs)"

# runs fits COLUMNS, never cuts a word in the middle, one loss precision.
"$C" run --name "longer-name" -- "$T" exit3 </dev/null >/dev/null 2>&1
out=$(COLUMNS=80 "$C" runs)
long=$(LC_ALL=C.UTF-8 bash -c 'while IFS= read -r l; do [ ${#l} -gt 80 ] && echo "$l"; done' <<<"$out")
[ -z "$long" ] && ok "runs: COLUMNS=80 fits every line in 80 columns" || not_ok "runs width" "$long"
grep -q '…\|\.\.\.' <<<"$out" && ok "runs: what does not fit ends in an ellipsis" || not_ok "runs ellipsis" "$out"
# every cut ends a whole word: the text before the ellipsis is a word of the full line
full=$("$C" runs | cat)
bad=$(grep -o '[^ ]*…' <<<"$out" | sed 's/…$//' | while read -r w; do
	[ -z "$w" ] && continue
	grep -qE -- "(^| |/)$(sed 's/[][\.*^$/]/\\&/g' <<<"${w##*/}")( |$)" <<<"$full" || echo "$w"
done)
[ -z "$bad" ] && ok "runs: cuts fall between words" || not_ok "runs mid-word cut" "$bad"
decs=$(awk 'NR > 1 && $0 ~ /finished|stopped|failed|lost|running/ {
	for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+$/) { split($i, a, "."); print length(a[2]); break } }' <<<"$full" | sort -u)
[ "$(wc -l <<<"$decs")" -eq 1 ] && ok "runs: every loss with the same decimals ($decs)" ||
	not_ok "runs precision" "$full"
[ "$(awk 'length($0) > 80' <<<"$full" | wc -l)" -gt 0 ] &&
	ok "runs: piped without COLUMNS, lines are not cut" || not_ok "runs pipe" "$full"
# run.rank from a scenario picks whose rank-prefixed lines make the points;
# --rank on the command line wins over it
scen="$XDG_STATE_HOME/rank.yaml"
{ cat "${CAPDASH_SRC:-$PWD}/scenarios/seed-image-recognition.yaml"
  printf 'run:\n  command: [sh, -c, "for i in 1 2 3; do echo \\"[rank0]: step $i/3 loss 0.$i\\"; echo \\"[rank1]: step $i/3 loss 1.$i\\"; done"]\n  rank: 1\n'
} >"$scen"
lastrun() { ls -d "$XDG_STATE_HOME"/capdash/runs/*/ | tail -1; }
"$C" run --yes -s "$scen" </dev/null >/dev/null 2>&1
l=$(grep -o '"loss":[0-9.]*' "$(lastrun)metrics.jsonl" | cut -d: -f2 | tr '\n' ' ')
[ "$l" = "1.1 1.2 1.3 " ] && ok "run -s: the scenario's run.rank 1 makes the points" || not_ok "run.rank" "$l"
sleep 1 # ids sort by the second
"$C" run --yes --rank 0 -s "$scen" </dev/null >/dev/null 2>&1
l=$(grep -o '"loss":[0-9.]*' "$(lastrun)metrics.jsonl" | cut -d: -f2 | tr '\n' ' ')
[ "$l" = "0.1 0.2 0.3 " ] && ok "run --rank 0 wins over the scenario's run.rank" || not_ok "--rank over run.rank" "$l"
exit $fail
