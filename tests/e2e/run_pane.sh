#!/bin/bash
# The dashboard's training pane, in tmux, with the fake trainer and the fake
# NVML library: a run started from the command line (--yes --run) shows its
# loss and the money it burns moving; p pauses (and says paused GPUs still
# cost), p resumes, X stops after a y; a command typed in the pane (c)
# starts; a bad path says why and capdash keeps working; quitting with a
# live run asks, and "leave it going" leaves it going; --run without --yes
# starts the command typed after it at once, while a scenario's run.command
# is shown and asked about; a child's escape sequences never reach the
# terminal (the window title stays ours).
set -u
export LC_ALL=C.UTF-8 # grep -P matches braille code points in UTF-8 only
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
T="$B/tests/helpers/faketrain"
export CAPDASH_NVML_LIB="$B/tests/fake-nvml/libnvidia-ml.so.1"
export FAKENVML_COUNT=1
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
	CAPDASH_NVML_LIB="$CAPDASH_NVML_LIB" FAKENVML_COUNT=1)

[ -x "$T" ] || { echo "not ok run_pane: $T missing (make test-bins)"; exit 1; }

# Every run not recorded as ended: its process group and its supervisor,
# so that nothing this test started outlives it.
kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; e2e_cleanup' EXIT

# Braille on the screen (U+2801..U+28FF): the loss chart is drawn.
braille() {
	local i=0
	while [ $i -lt $(($1 * 20)) ]; do
		e2e_screen | grep -qP '[\x{2801}-\x{28ff}]' && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# A figure after LABEL on the screen ("spent $0.01" -> "$0.01").
figure() { e2e_screen | grep -oE -- "$1 [^ ]+" | head -1; }

# wait_change LABEL SECONDS: until the figure after LABEL differs from now.
wait_change() {
	local before after i=0
	before=$(figure "$1")
	while [ $i -lt $(($2 * 10)) ]; do
		after=$(figure "$1")
		[ -n "$after" ] && [ "$after" != "$before" ] && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# 1. --yes --run: starts at once; loss and spent move.
e2e_start 140 42 "${ENVS[@]}" -- --yes --run -- "$T" proto 3000 40
check "run pane: --yes --run starts the run" e2e_wait_re 'running .*step [0-9,]+/3,000' 10
check "run pane: the loss moves" wait_change "loss" 5
check "run pane: spent moves (fake GPU at the seed's \$/GPU-hour)" wait_change "spent" 10
check "run pane: \$/h from 1 GPU x \$2.49" e2e_wait '$2.49/h' 5
check "run pane: the team's burn beside it" e2e_wait_re 'team \$[0-9,.]+/h' 2
check "run pane: GPU gauge from NVML" e2e_wait_re 'GPU +[0-9]+%' 5
check "run pane: a braille loss chart" braille 2
check "run pane: ETA shown" e2e_wait_re 'ETA [0-9]' 5
check "run pane: protocol lines in the tail as text" e2e_wait_re 'step [0-9,]+/3,000  loss 0\.[0-9]{4}' 5
check "run pane: no raw protocol JSON on screen" e2e_gone '"capdash":1' 2

# 2. pause, resume
e2e_keys p
check "run pane: p pauses" e2e_wait_re 'paused .*step' 5
check "run pane: paused GPUs still cost" e2e_wait 'paused, GPUs still cost $2.49/h' 3
s1=$(figure "step")
sleep 1.5
s2=$(figure "step")
[ "$s1" = "$s2" ] && ok "run pane: no steps while paused" || not_ok "run pane: paused steps" "$s1 -> $s2"
e2e_keys p
check "run pane: p resumes" e2e_wait_re 'running .*step' 5
check "run pane: steps move again" wait_change "step" 5

# 3. stop (asks first)
e2e_keys X
check "run pane: X asks" e2e_wait 'Stop the run' 3
e2e_keys y
check "run pane: the run stops and says why" e2e_wait_re 'stopped|SIGTERM' 15
check "run pane: capdash keeps working after the stop" e2e_wait_re '┌ Run: ' 1

# 3b. chart keys, restart
e2e_keys ]
check "run pane: ] smooths more" e2e_wait 'smoothing 0.65' 2
e2e_keys [ [
check "run pane: [ smooths less" e2e_wait 'smoothing 0.55' 2
e2e_keys y
check "run pane: y switches the loss chart to log scale" e2e_wait 'loss chart: log scale' 2
check "run pane: the log chart is labelled" e2e_wait '│ log ' 2
e2e_keys y
e2e_keys Y
check "run pane: Y shows the full y range" e2e_wait 'loss chart: full y range' 2
e2e_keys Y
check "run pane: Y again clips the first high losses" e2e_wait 'high first losses clipped' 2
id1=$(e2e_screen | grep -oE 'Run: [0-9-]+[a-z]+' | head -1)
e2e_keys R
check "run pane: R restarts the command" e2e_wait_re 'running .*step [0-9,]+/3,000' 10
id2=$(e2e_screen | grep -oE 'Run: [0-9-]+[a-z]+' | head -1)
[ -n "$id2" ] && [ "$id1" != "$id2" ] && ok "run pane: the restart is a new run" || not_ok "run pane: restart id" "$id1 -> $id2"
e2e_keys X
e2e_wait 'Stop the run' 3
e2e_keys y
e2e_wait_re 'stopped|SIGTERM' 15

# 4. a typed command with a bad path: says why, capdash keeps working
e2e_keys c
check "run pane: c opens a command prompt" e2e_wait 'command to run:' 3
e2e_type "/nonexistent/train --lr 3e-4"
e2e_keys Enter
check "run pane: a bad path says why" e2e_wait 'could not start: No such file' 10
e2e_keys Right
check "run pane: the budget still works after a failed start" e2e_wait '$30,333,333' 3

# 5. a typed command that runs; quit asks; leave it going
e2e_keys c
e2e_wait 'command to run:' 3
e2e_type "$T proto 3000 40"
e2e_keys Enter
check "run pane: a typed command starts" e2e_wait_re 'running .*step [0-9,]+/3,000' 10
e2e_keys q
check "run pane: quitting with a live run asks" e2e_wait 'leave it going' 3
e2e_keys l
e2e_wait 'Quit without saving' 3 && e2e_keys y
st=$(e2e_exited 5)
[ "$st" = 0 ] && ok "run pane: l then quits" || not_ok "run pane: quit" "status '$st'"
live=$("$CAPDASH" runs 2>&1 | grep -c ' running ')
[ "$live" -ge 1 ] && ok "run pane: the run survives capdash exiting" || not_ok "run pane: survives" "$("$CAPDASH" runs 2>&1)"

# 6. attach re-opens it with its history; q, s stops it
e2e_start 140 42 "${ENVS[@]}" -- attach
check "run pane: attach opens the live run" e2e_wait_re 'running .*step [0-9,]+/3,000' 10
check "run pane: attach shows the loss history" braille 3
e2e_keys q
e2e_wait 'leave it going' 3
e2e_keys s
e2e_exited 5 >/dev/null
for _ in $(seq 100); do "$CAPDASH" runs 2>&1 | grep -q ' running ' || break; sleep 0.1; done
"$CAPDASH" runs 2>&1 | grep -q ' running ' && not_ok "run pane: s stops the run on quit" "$("$CAPDASH" runs 2>&1)" ||
	ok "run pane: s stops the run on quit"

# 7. --run without --yes: the command typed on capdash's own command line is
# the person's own choice and starts at once; a command from a scenario
# file (run.command) is shown and asked about, and n starts nothing
e2e_start 140 42 "${ENVS[@]}" -- --run -- "$T" proto 5 'two words'
check "run pane: --run without --yes starts at once, no y/N" e2e_wait_re 'finished .*step 5/5' 10
check "run pane: --run asked nothing" e2e_gone 'y/N' 1
e2e_keys q
e2e_wait 'Quit without saving' 2 && e2e_keys y
e2e_exited 5 >/dev/null
SC="$E2E_TMP/with-run.yaml"
sed "s|command: \[capdash-train.*|command: [\"$T\", proto, \"5\", two words]|" \
	"${CAPDASH_SRC:-.}/scenarios/finetune-shop-cloud.yaml" >"$SC"
n0=$("$CAPDASH" runs 2>/dev/null | grep -c faketrain)
e2e_start 140 42 "${ENVS[@]}" -- "$SC"
e2e_wait 'Run' 5
e2e_keys r
check "run pane: a scenario's run.command asks y/N" e2e_wait 'y/N' 5
check "run pane: the exact argv is shown" e2e_wait "proto 5 'two words'" 2
e2e_keys n
check "run pane: n starts nothing" e2e_wait 'not started' 3
n1=$("$CAPDASH" runs 2>/dev/null | grep -c faketrain)
[ "$n0" = "$n1" ] && ok "run pane: no run directory was made" || not_ok "run pane: n made a run" "$n0 -> $n1"

# 8. escape sequences from the child stay out of the terminal
title0=$(e2e_tmux display-message -p -t 0 '#{pane_title}')
e2e_keys c
e2e_wait 'command to run:' 3
e2e_type "$T escapes"
e2e_keys Enter
check "run pane: the escapes run finishes" e2e_wait_re 'finished|exited' 10
check "run pane: its text is shown, cleaned" e2e_wait 'plain bold end' 3
title1=$(e2e_tmux display-message -p -t 0 '#{pane_title}')
[ "$title0" = "$title1" ] && ok "run pane: the child cannot retitle the window" ||
	not_ok "run pane: title" "'$title0' -> '$title1'"
check "run pane: the budget pane is intact" e2e_wait_re 'Capital +F +\$6,080,157' 2

# 9. the run list (a) opens a past run
e2e_keys a
check "run pane: a offers the runs" e2e_wait 'open run' 3
e2e_keys Enter
check "run pane: the newest run opens" e2e_wait_re 'finished|exited' 5
e2e_keys q
e2e_exited 5 >/dev/null
e2e_finish
