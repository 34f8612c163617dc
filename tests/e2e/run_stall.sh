#!/bin/bash
# The stall alert, without waiting a minute: CAPDASH_STALL_MIN_MS=1500 lowers
# the rule's 60 s floor.  A fake trainer prints 5 points 100 ms apart and then
# goes quiet while still alive: the pane says STALLED and the terminal bell
# rings exactly once (counted in the pane's raw output, kept by pipe-pane),
# not once a tick.
# The run never ends by itself: it is killed with its process group on
# exit, whatever happened (a run left here would run forever).
set -u
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
T="$B/tests/helpers/faketrain"
[ -x "$T" ] || { echo "not ok run_stall: $T missing (make test-bins)"; exit 1; }
# Runs of this test only: a state directory shared with other tests would
# make "the run's status" ambiguous.
export XDG_STATE_HOME="$E2E_TMP/state"

# Every run under XDG_STATE_HOME not recorded as ended: its group and its
# supervisor get SIGKILL.
kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; e2e_cleanup' EXIT
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
	CAPDASH_NVML_LIB=/nonexistent CAPDASH_STALL_MIN_MS=1500)

# Bells in the raw output, terminal-title strings (which end in BEL) left out.
bells() {
	[ -f "$E2E_TMP/raw" ] || { echo 0; return; }
	perl -0777 -ne 's/\e\][^\a\e]*(\a|\e\\)//g; print tr/\a//, "\n"' "$E2E_TMP/raw"
}

# wait_bells N SECONDS: until N bells have been seen.
wait_bells() {
	local i=0
	while [ $i -lt $(($2 * 20)) ]; do
		[ "$(bells)" -ge "$1" ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

e2e_start 140 42 "${ENVS[@]}" -- --yes --run -- "$T" stall 5 100
e2e_tmux pipe-pane -o -t 0 "cat >>$E2E_TMP/raw"
check "stall: the run starts" e2e_wait_re 'running .*step 5/1,000' 10
check "stall: no bell while points come" test "$(bells)" = 0
check "stall: the pane says STALLED once the run is quiet" e2e_wait 'STALLED: no progress for' 10
check "stall: the bell rings" wait_bells 1 3
# several once-a-second ticks later, still one bell for this one stall
check "stall: the quiet time counts on" e2e_wait_re 'STALLED: no progress for [4-9]s' 8
n=$(bells)
[ "$n" = 1 ] && ok "stall: the bell rang once, not every tick" ||
	not_ok "stall: the bell rang once, not every tick" "$n bells"
kill_runs
e2e_finish
