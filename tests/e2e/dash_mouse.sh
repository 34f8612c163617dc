#!/bin/bash
# Mouse, as a terminal delivers it.  Under each of xterm-256color (whose
# terminfo has kmous=\E[<, so ncurses reads ESC [ < as KEY_MOUSE),
# screen-256color and tmux-256color:
#   - tmux's pane flags say capdash asked for SGR (1006) button-event (1002)
#     reports on the alternate screen while it runs, and for none once it
#     has exited;
#   - real mouse events (through an attached tmux client, which tmux passes
#     on only when the pane asked for them) select, set, drag and step;
#   - SGR reports typed straight into the pane work too.
# At 120x40 the GPUs track runs from column 21 to 46 (1-based) on row 2;
# its last cell is the slider maximum; row 4 is "Data scientists".
. "$(dirname "$0")/lib.sh"
sgr() { e2e_type $'\e'"[<$1;$2;$3$4"; } # button x y M|m, typed into the pane

# e2e_flags_are REGEX: until tmux's view of the pane's modes matches
flags_are() {
	local i=0
	while [ "$i" -lt 100 ]; do
		e2e_mouse_flags | grep -qE -- "$1" && return 0
		sleep 0.05; i=$((i + 1))
	done
	echo "flags: $(e2e_mouse_flags)"
	return 1
}
click() { e2e_mouse 0 "$1" "$2" M; e2e_mouse 0 "$1" "$2" m; }

for term in xterm-256color screen-256color tmux-256color; do
	E2E_TERM=$term e2e_start 120 40
	e2e_wait '$29,666,667' >/dev/null
	check "$term: capdash asked for SGR button-event reports, on the alternate screen" \
		flags_are 'sgr=1 any=1 button=1 .* alt=1'
	check "$term: a client attaches" e2e_attach
	click 5 4
	check "$term: a real click on a slider's label selects it" e2e_wait '▸Data scientists'
	click 46 2
	check "$term: a real click at the end of the track sets the maximum" e2e_wait_re '▸GPUs .* 128│'
	click 21 2
	check "$term: a real click at the start sets the minimum (F = \$26,333,333)" e2e_wait '$26,333,333'
	e2e_mouse 0 21 2 M; e2e_mouse 32 22 2 M; e2e_mouse 32 23 2 M; e2e_mouse 0 23 2 m
	check "$term: a real drag moves the knob" e2e_wait_re '▸GPUs .* (10|11)│'
	e2e_keys Home
	e2e_wait '$26,333,333' >/dev/null
	e2e_mouse 64 30 2 M
	check "$term: the real wheel steps up one (1 GPU)" e2e_wait '$27,000,000'
	e2e_mouse 65 30 2 M
	check "$term: and down again" e2e_wait '$26,333,333'
	# row 5 is the first role's start month; ML engineers is row 6
	sgr 0 5 6 M; sgr 0 5 6 m
	check "$term: a report typed into the pane selects too" e2e_wait '▸ML engineers'
	under() { e2e_screen | grep -A1 '▸ML engineers' | grep -q 'starts month'; }
	check "$term: the start-month row follows the clicked role" under
	e2e_keys q y
	e2e_exited >/dev/null
	check "$term: the mouse is switched off on exit" flags_are 'sgr=0 any=0 button=0 std=0 alt=0'
done

# Past column 223 (where the old X10 encoding ends): presentation mode at
# 300 columns puts the GPUs track at columns 25..284, row 15.
E2E_TERM=xterm-256color e2e_start 300 60
e2e_wait '$29,666,667' >/dev/null
e2e_keys P
e2e_wait 'Capital needed' >/dev/null
sgr 0 250 15 M; sgr 0 250 15 m
check "a click at column 250 lands (SGR 1006)" e2e_wait_re '▸GPUs .* 111 '
e2e_keys q y
e2e_exited >/dev/null

E2E_TERM=xterm-256color e2e_start 120 40 -- --no-mouse
e2e_wait '$29,666,667' >/dev/null
check "--no-mouse: no mouse mode asked for" flags_are 'sgr=0 any=0 button=0 std=0 alt=1'
e2e_keys Right
e2e_wait '$30,333,333' >/dev/null
e2e_keys u
check "--no-mouse: keys work" e2e_wait '$29,666,667'
e2e_attach >/dev/null
click 46 2
sgr 0 46 2 M; sgr 0 46 2 m
e2e_keys j
e2e_wait '▸Dataset' >/dev/null
e2e_screen | grep -q 'GPUs .* 5│' && ok "--no-mouse: clicks are ignored" || not_ok "--no-mouse: clicks are ignored" "GPUs moved"
e2e_finish
