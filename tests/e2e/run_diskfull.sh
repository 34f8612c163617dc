#!/bin/bash
# A full disk never costs the run (issue 11): the run directory on a 200 KB
# tmpfs, in a private mount namespace so the mount is this test's alone.
#   - a command printing 20,000 lines runs to its end (status 0), capdash
#     run says it finished, `runs` says "disk full: ... not stored", and
#     metrics.jsonl ends with a whole line;
#   - while the disk is full, `runs` and the progress line say "disk full
#     since ..."; when space comes back, writes resume and output.log says
#     how many bytes of output it is missing.
# Needs root (or unprivileged user namespaces) and mount; otherwise it says
# why and passes nothing.  Every run it starts is killed on exit.
set -u
B=${CAPDASH_BUILD:-$PWD/build}
C="$B/capdash"
T="$B/tests/helpers/faketrain"

if [ "${1:-}" != --inside ]; then
	if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then
		exec unshare -m --propagation private bash "$0" --inside
	elif unshare -rm --propagation private true 2>/dev/null; then
		exec unshare -rm --propagation private bash "$0" --inside
	fi
	echo "# skipped: run_diskfull needs root or user namespaces to mount a small tmpfs"
	exit 0
fi

fail=0
ok() { echo "ok $1"; }
not_ok() { echo "not ok $1: $2"; fail=1; }
top=$(mktemp -d)
export XDG_STATE_HOME="$top/state" CAPDASH_NVML_LIB=/nonexistent
unset COLUMNS
mkdir -p "$XDG_STATE_HOME"
if ! mount -t tmpfs -o size=200k capdash-test "$XDG_STATE_HOME"; then
	echo "# skipped: run_diskfull cannot mount a tmpfs here"
	rm -rf "$top"
	exit 0
fi
. "$(dirname "$0")/killruns.inc"
kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; umount -l "$XDG_STATE_HOME"; rm -rf "$top"' EXIT

# 1. The issue's case: 20,000 lines into 200 KB.
out=$("$C" run --name flood -- "$T" lines 20000 </dev/null 2>&1)
rc=$?
dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-flood)
[ $rc -eq 0 ] && grep -q 'flood finished after' <<<"$out" &&
	ok "diskfull: the command ran to its end, status 0" || not_ok "diskfull: flood" "rc=$rc $out"
grep -q '"ended":true' "$dir/status" && grep -q '"write_errno":28' "$dir/status" &&
	ok "diskfull: status recorded the end and why writes failed (ENOSPC)" ||
	not_ok "diskfull: status" "$(cat "$dir/status")"
[ "$(tail -c 1 "$dir/metrics.jsonl" | od -An -c | tr -d ' ')" = '\n' ] &&
	ok "diskfull: metrics.jsonl ends with a whole line" ||
	not_ok "diskfull: torn line" "$(tail -c 200 "$dir/metrics.jsonl")"
line=$("$C" runs | grep -- '-flood ')
grep -Eq 'finished; disk full: [0-9.]+ (KB|MB|bytes) not stored' <<<"$line" &&
	ok "diskfull: runs says the disk was full and what was not stored" ||
	not_ok "diskfull: runs" "$line"

# 2. Room comes and goes while a run is live.
rm -rf "$dir"
"$C" run --detach --name slow -- "$T" noisy 300 10 </dev/null >/dev/null 2>&1
dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-slow)
dd if=/dev/zero of="$XDG_STATE_HOME/filler" bs=4k 2>/dev/null
for _ in $(seq 100); do grep -q '"disk_full_ms":[1-9]' "$dir/status" && break; sleep 0.05; done
line=$("$C" runs | grep -- '-slow ')
grep -Eq 'running; disk full since [0-9]{2}:[0-9]{2}:[0-9]{2}' <<<"$line" &&
	ok "diskfull: runs says disk full since, while the run goes on" ||
	not_ok "diskfull: runs live" "$line"
out=$("$C" attach --summary "$dir" </dev/null)
grep -q 'DISK FULL since' <<<"$out" && ok "diskfull: attach's summary says DISK FULL" ||
	not_ok "diskfull: summary" "$out"
rm -f "$XDG_STATE_HOME/filler"
for _ in $(seq 100); do grep -q '"disk_full_ms":0' "$dir/status" && break; sleep 0.05; done
grep -q '"disk_full_ms":0' "$dir/status" && ok "diskfull: writes resume when there is room" ||
	not_ok "diskfull: resume" "$(cat "$dir/status")"
for _ in $(seq 200); do grep -q '"ended":true' "$dir/status" && break; sleep 0.05; done
grep -Eq '^\[capdash: [0-9]+ bytes of output not stored here: No space left on device\]$' "$dir/output.log" &&
	ok "diskfull: output.log says where its hole is" ||
	not_ok "diskfull: hole note" "$(grep -a capdash "$dir/output.log")"
grep -q '"step":300,' "$dir/metrics.jsonl" && grep -q '"exit_code":0' "$dir/status" &&
	ok "diskfull: the last point after the disk freed is stored" ||
	not_ok "diskfull: last point" "$(tail -c 300 "$dir/metrics.jsonl")"
exit $fail
