#!/bin/bash
# Layout: side by side when wide, one pane at a time at 80x24 (Tab
# switches), a one-line summary below ~40x12 that still quits on q, and a
# storm of resizes that must not crash or leave garbage.
. "$(dirname "$0")/lib.sh"

e2e_start 120 40
check "wide: budget and run side by side" e2e_wait '┐┌ Run'
e2e_resize 80 24
check "80x24: the budget pane alone" e2e_wait_re '┌ Budget · .*\(Tab: run\) ─'
check "80x24: F still shown" e2e_wait '$29,666,667'
e2e_keys Tab
check "Tab shows the run pane" e2e_wait 'Run (Tab: budget)'
check "the run pane's frame says there is no run" e2e_wait 'no run'
e2e_keys Tab
check "Tab back to the budget" e2e_wait 'Tab: run'
e2e_keys Right
check "80x24: keys still work" e2e_wait '$30,333,333'
e2e_resize 40 12
check "40x12: still a dashboard" e2e_wait 'Budget'
e2e_resize 30 10
check "30x10: a one-line summary" e2e_wait 'F $30.33M* '
check "the summary says how to quit" e2e_wait 'q quits'
e2e_resize 120 40
check "back to 120x40: whole screen again" e2e_wait '┐┌ Run'
check "the change survived the resizes" e2e_wait '$30,333,333'
# A resize storm: many sizes back to back, no waiting in between.
for s in 100x30 30x8 200x60 81x25 20x8 150x50 60x20 300x100 45x13 120x40 90x30 120x40; do
	e2e_resize "${s%x*}" "${s#*x}"
done
check "after a resize storm: still alive and drawn" e2e_wait '┐┌ Run'
e2e_keys Left
check "after a resize storm: keys still work" e2e_wait '$29,666,667'
framed() { # framed N SECONDS: until at least N lines show a frame
	local i=0
	while [ $i -lt $(($2 * 20)) ]; do
		[ "$(e2e_screen | grep -c '│')" -ge "$1" ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
check "no garbage lines after the storm" framed 37 5
e2e_resize 30 10
e2e_wait 'q quits' >/dev/null
e2e_keys q
st=$(e2e_exited)
check "q quits from the one-line summary" [ "$st" = 0 ]
e2e_finish
