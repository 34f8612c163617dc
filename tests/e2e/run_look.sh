#!/bin/bash
# The training pane as a person sees it, in tmux, on a machine with no GPU
# (CAPDASH_NVML_LIB points nowhere): nothing in the pane is cut mid-word at
# 120x40, 120x24 and 80x24 (e2e_check_cuts on each screen of a live run);
# the loss chart has a legend naming raw, smoothed and val, in colour,
# without colour and in ASCII; a paused run shows how long it has been
# paused and no countdown; $0.00 always says why, and G prices the run at
# the plan's 5 GPUs; a stopped run reads "stopped", not failed; "started …"
# and "stopping the run" go away once they are no longer true; a run whose
# supervisor was killed says so, with its pid and whether training goes on;
# a full disk is said plainly while the run goes on.
set -u
export LC_ALL=C.UTF-8 # grep -P matches braille code points in UTF-8 only
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
T="$B/tests/helpers/faketrain"
export CAPDASH_NVML_LIB=/nonexistent
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
	CAPDASH_NVML_LIB="$CAPDASH_NVML_LIB")
MNT=""

[ -x "$T" ] || { echo "not ok run_look: $T missing (make test-bins)"; exit 1; }

# Every run not recorded as ended (in the state directory and on the small
# disk of section 6): its process group and its supervisor, so that nothing
# this test started outlives it; then the small disk goes.
kill_runs() {
	e2e_kill_runs_under "$XDG_STATE_HOME" "$MNT"
	[ -n "$MNT" ] && umount -l "$MNT" 2>/dev/null
}
trap 'kill_runs; e2e_cleanup' EXIT

# A training program in the capdash protocol: N steps MS apart, a loss that
# falls with a little noise, a validation loss every 25 steps, 4 epochs.
TRAIN="$E2E_TMP/train.sh"
cat >"$TRAIN" <<'EOF'
#!/bin/sh
awk -v n="${1:-400}" -v s="${2:-0.03}" 'BEGIN {
	for (i = 1; i <= n; i++) {
		printf "{\"capdash\":1,\"event\":\"step\",\"step\":%d,\"total_steps\":%d,\"epoch\":%d,\"epochs\":4,\"loss\":%.4f,\"samples_per_s\":1000}\n", i, n, 1 + int(4 * i / (n + 1)), 1.5 / (1 + i / 20) + 0.05 * ((i * 7) % 5)
		if (i % 25 == 0)
			printf "{\"capdash\":1,\"event\":\"eval\",\"step\":%d,\"val_loss\":%.4f}\n", i, 1.6 / (1 + i / 20)
		fflush()
		system("sleep " s)
	}
}'
EOF
chmod +x "$TRAIN"

# The run pane's columns on a wide screen: from its top-left corner on.
run_cols() {
	local x
	x=$(e2e_screen | head -1 | perl -CSD -ne '$i = index($_, "┌ Run"); print $i < 0 ? 0 : $i')
	echo "$x-$(($(e2e_tmux display-message -p -t 0 '#{window_width}') - 1))"
}

# The status row of the run pane (the line under its title).
status_row() { e2e_screen | grep -oE '(running|paused|stopped|stopping|finished|failed|starting)( for [0-9a-z]+)? · .*' | head -1; }

# wait_no_eta SECONDS: the run's status row holds no ETA for that long.
no_eta_for() {
	local i=0
	while [ $i -lt $(($1 * 10)) ]; do
		status_row | grep -q 'ETA' && return 1
		sleep 0.1; i=$((i + 1))
	done
	return 0
}

# 0. no run yet: the pane's hints fit at every size
for size in "120 40" "120 24" "80 24"; do
	set -- $size
	e2e_start "$1" "$2" "${ENVS[@]}" --
	e2e_wait 'Budget' 5
	[ "$1" = 80 ] && e2e_keys Tab
	check "run look: ${1}x$2, the hints shown" e2e_wait_re 'r +start a run' 3
	if [ "$1" = 80 ]; then
		e2e_check_cuts "run look: ${1}x$2 no run, nothing cut"
	else
		E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: ${1}x$2 no run, nothing cut"
	fi
	e2e_keys q
	e2e_exited 5 >/dev/null
done

# 0b. a scenario's run.command waiting for its y/N, at 80x24: the whole
# argv, wrapped between words
SC="$E2E_TMP/with-run.yaml"
sed "s|command: \[capdash-train.*|command: [\"$T\", proto, \"5\", --some-long-option, value-one, --another-option, value-two, --third-option, value-three]|" \
	"${CAPDASH_SRC:-.}/scenarios/finetune-shop-cloud.yaml" >"$SC"
e2e_start 80 24 "${ENVS[@]}" -- "$SC"
e2e_wait 'Budget' 5
e2e_keys Tab r
check "run look: the scenario's command asks" e2e_wait 'start this command? (y/N below)' 5
check "run look: its last word is shown whole" e2e_wait 'value-three' 2
e2e_check_cuts "run look: 80x24 y/N, the argv wrapped between words"
e2e_keys n
e2e_keys q
e2e_wait 'Quit' 2 && e2e_keys y
e2e_exited 5 >/dev/null

# 1. one run seen at three sizes: nothing cut, the legend names every curve
e2e_start 120 40 "${ENVS[@]}" -- --run -- "$TRAIN" 3000 0.03
check "run look: the run starts (no y/N for --run)" e2e_wait_re 'running · .*step [0-9,]+/3,000' 10
check "run look: a validation loss arrives" e2e_wait_re 'loss [0-9.]+ \(lowest [0-9.]+\) · val loss [0-9.]+' 10
check "run look: the legend names raw, smoothed and val" \
	e2e_wait_re '⠂⠂ raw loss  ⠒⠒ smoothed  ◆ val loss' 3
check "run look: validation points are marked" e2e_wait '◆' 2
check "run look: the output tail names it val loss too" e2e_wait_re 'step [0-9,]+  val loss 0\.[0-9]{4}' 5
E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: 120x40, nothing in the run pane cut mid-word"
e2e_resize 120 24
check "run look: 120x24 redrawn" e2e_wait_re '^.{60}.*┌ Run' 3
sleep 0.3
E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: 120x24, nothing in the run pane cut mid-word"
e2e_resize 80 24
e2e_keys Tab
check "run look: 80x24 shows the run pane on Tab" e2e_wait_re '┌ Run: .*\(Tab: budget\)' 3
check "run look: 80x24 keeps the legend" e2e_wait_re 'raw( loss)? +⠒⠒ smoothed' 3
check "run look: the summary gives the val loss's lowest at 80x24 (room for it)" \
	e2e_wait_re 'val loss [0-9.]+ \(lowest [0-9.]+\)' 3
e2e_check_cuts "run look: 80x24, nothing in the run pane cut mid-word"

# 2. paused: how long, no countdown; resumed: the ETA is back
e2e_keys p
check "run look: p pauses, and says for how long" e2e_wait_re 'paused for [0-9]+s · [0-9ms]+ active' 5
no_eta_for 2 && ok "run look: no ETA while paused" || not_ok "run look: ETA while paused" "$(status_row)"
check "run look: the pause is counted" e2e_wait_re 'paused for [2-9]s' 5
e2e_check_cuts "run look: 80x24 paused, nothing cut"
e2e_keys p
check "run look: p resumes, the ETA is back" e2e_wait_re 'running · .*active, [0-9]+s paused.*ETA [0-9]' 5

# 3. no GPU: $0.00 says why; G prices the run at the plan's 5 GPUs
check "run look: \$0.00/h says why" e2e_wait '$0.00/h — no GPU detected, CPU price $0' 3
check "run look: the plan's GPUs are offered" e2e_wait "G prices this run at the plan's 5 GPUs" 3
e2e_keys G
check "run look: G prices it at 5 GPUs, said where from" e2e_wait_re '5 GPUs \(plan\)' 5
check "run look: the rate is 5 x \$2.49" e2e_wait '$12.45/h' 5
e2e_gone '$0.00/h' 2 && ok "run look: no \$0.00/h left" || not_ok "run look: \$0.00/h" "still there"
e2e_gone 'G prices this run' 2 && ok "run look: the offer is gone once taken" ||
	not_ok "run look: offer" "still there"
e2e_check_cuts "run look: 80x24 priced, nothing cut"

# 4. stop: "stopping" while it stops, then "stopped", and no failure
e2e_keys X
e2e_wait 'Stop the run' 3
e2e_keys y
check "run look: stopped reads stopped" e2e_wait_re 'stopped · ' 15
scr=$(e2e_screen)
grep -qE 'failed|143|SIGTERM' <<<"$scr" && not_ok "run look: stopped is not failed" "$scr" ||
	ok "run look: stopped is not failed"
check "run look: 'stopping the run' goes once it stopped" e2e_gone 'stopping the run' 3
check "run look: spent at the plan's price" e2e_wait_re 'spent \$[0-9.]+ at \$12\.45/h' 3

# 5. "started …" goes once the run has ended; a bad path says why once
e2e_keys c
e2e_wait 'command to run:' 3
e2e_type "$TRAIN 20 0.01"
e2e_keys Enter
check "run look: the short run finishes" e2e_wait_re 'finished · ' 15
check "run look: 'started …' goes once the run ended" e2e_gone 'started ' 3
n=$(e2e_screen | grep -o finished | wc -l)
[ "$n" = 1 ] && ok "run look: finished is said once" || not_ok "run look: finished said $n times" "$(e2e_screen)"
e2e_keys c
e2e_wait 'command to run:' 3
e2e_type "/nonexistent/train --lr 3e-4"
e2e_keys Enter
check "run look: a bad path: could not start, why, once" \
	e2e_wait 'could not start: No such file or directory · $ /nonexistent/train' 10
e2e_screen | grep -q 'after 0s' && not_ok "run look: no 'after 0s'" "$(e2e_screen)" ||
	ok "run look: no 'after 0s'"
check "run look: nothing spent on it" e2e_wait 'nothing spent: the command never started' 3
n=$(e2e_screen | grep -o 'no loss yet' | wc -l)
[ "$n" = 1 ] && ok "run look: 'no loss yet' said once" || not_ok "run look: 'no loss yet' $n times" "$(e2e_screen)"
check "run look: no 'yet' for a sample that cannot come" e2e_gone 'not sampled yet' 2
check "run look: 'started' goes for a command that never started" e2e_gone 'started /nonexistent' 3
e2e_check_cuts "run look: 80x24 failed start, nothing cut"
e2e_keys q
e2e_wait 'Quit without saving' 2 && e2e_keys y
e2e_exited 5 >/dev/null

# 5b. no colour, and ASCII: the legend still tells the curves apart
dir=$(ls -d "$XDG_STATE_HOME"/capdash/runs/*-train* | head -1)
e2e_start 120 40 "${ENVS[@]}" NO_COLOR=1 -- attach "$dir"
check "run look: NO_COLOR, the legend" e2e_wait_re '⠂⠂ raw loss  ⠒⠒ smoothed  ◆ val loss' 5
e2e_screen_attrs | grep -qE $'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]' && not_ok "run look: NO_COLOR has no colour" "colour escapes" ||
	ok "run look: NO_COLOR has no colour"
e2e_keys q
e2e_exited 5 >/dev/null
E2E_LANG=C e2e_start 120 40 "${ENVS[@]}" -- attach "$dir" # no UTF-8: ASCII
check "run look: --ascii, the legend" e2e_wait_re '- +raw loss  -- smoothed  o val loss' 5
e2e_screen | grep -qP '[\x{2800}-\x{28ff}◆]' && not_ok "run look: --ascii draws no braille" "$(e2e_screen)" ||
	ok "run look: --ascii draws no braille"
E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: --ascii, nothing cut"
e2e_keys q
e2e_exited 5 >/dev/null

# 6. a supervisor killed: said with its pid, last heard, and the training
pf="$E2E_TMP/lost.pid"
e2e_start 120 40 "${ENVS[@]}" -- --run -- "$T" pidfile "$pf"
for _ in $(seq 100); do [ -s "$pf" ] && break; sleep 0.05; done
dir=$(ls -td "$XDG_STATE_HOME"/capdash/runs/*-faketrain | head -1)
sup=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$dir/status")
pg=$(sed -n 's/.*"pgid":\([0-9]*\).*/\1/p' "$dir/status")
kill -KILL "$sup"
check "run look: lost, with the supervisor's pid and the training still running" \
	e2e_wait_re "supervisor (\(pid $sup\) gone, last heard|pid $sup gone) [0-9]+s ago; training (process )?still running" 10
check "run look: and how long ago it was last heard, counting" \
	e2e_wait_re "supervisor (\(pid $sup\) gone, last heard|pid $sup gone) [3-9]s ago" 10
kill -KILL -- "-$pg"
check "run look: then training ended" e2e_wait_re "supervisor (\(pid $sup\)|pid $sup) gone.*; training (process )?ended" 10
E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: lost, nothing cut"
e2e_keys q
e2e_wait 'Quit' 2 && e2e_keys y
e2e_exited 5 >/dev/null

# 7. a full disk (a 120 KB tmpfs as the state directory; needs root): the
# pane says so plainly and the run goes on
MNT="$E2E_TMP/small"
mkdir -p "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=120k tmpfs "$MNT" 2>/dev/null; then
	e2e_start 120 40 XDG_STATE_HOME="$MNT" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
		CAPDASH_NVML_LIB=/nonexistent -- --run -- "$T" noisy 100000 1
	check "run look: disk full, said plainly, the run goes on" \
		e2e_wait_re 'disk full since [0-9:]+( —|,) [0-9.]+ [KM]?B (of output )?not stored(; the run goes on)?' 20
	check "run look: still running on a full disk" e2e_wait_re 'running · ' 2
	E2E_CUT_COLS=$(run_cols) e2e_check_cuts "run look: disk full, nothing cut"
	e2e_keys q
	e2e_wait 'leave it going' 3
	e2e_keys s
	e2e_exited 5 >/dev/null
	kill_runs
else
	ok "run look: disk full # skip: needs root to mount a small tmpfs"
	MNT=""
fi
e2e_finish
