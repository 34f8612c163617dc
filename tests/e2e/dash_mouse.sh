#!/bin/bash
# Mouse, as SGR 1006 reports (what xterm and tmux send once capdash asks for
# mode 1006): a click selects a slider, a click on the track sets the value,
# a drag moves it, the wheel steps it.  At 120x40 the GPUs track runs from
# column 21 to 46 (1-based) on row 2; its last cell is the slider maximum.
. "$(dirname "$0")/lib.sh"
sgr() { e2e_type $'\e'"[<$1;$2;$3$4"; } # button x y M|m

e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
sgr 0 5 4 M; sgr 0 5 4 m
check "a click on a slider's label selects it" e2e_wait '▸Data scientists'
sgr 0 46 2 M; sgr 0 46 2 m
check "a click at the end of the track sets the maximum" e2e_wait_re '▸GPUs .* 128│'
sgr 0 21 2 M; sgr 0 21 2 m
check "a click at the start sets the minimum (F = \$26,333,333)" e2e_wait '$26,333,333'
sgr 0 21 2 M; sgr 32 22 2 M; sgr 32 23 2 M; sgr 0 23 2 m
check "a drag moves the knob" e2e_wait_re '▸GPUs .* (10|11)│'
e2e_keys Home
sgr 64 30 2 M
check "wheel up steps up one (1 GPU)" e2e_wait '$27,000,000'
sgr 65 30 2 M
check "wheel down steps back" e2e_wait '$26,333,333'
# Past column 223 (where the old X10 encoding ends): presentation mode at
# 300 columns puts the GPUs track at columns 25..284, row 15.
e2e_resize 300 60
e2e_keys P
e2e_wait 'Capital needed' >/dev/null
sgr 0 250 15 M; sgr 0 250 15 m
check "a click at column 250 lands (SGR 1006)" e2e_wait_re '▸GPUs .* 111 '
e2e_keys q y
e2e_exited >/dev/null

e2e_start 120 40 -- --no-mouse
e2e_wait '$29,666,667' >/dev/null
e2e_keys Right
e2e_wait '$30,333,333' >/dev/null
e2e_keys u
check "--no-mouse: keys work" e2e_wait '$29,666,667'
sgr 0 46 2 M; sgr 0 46 2 m
e2e_keys j
e2e_wait '▸Dataset' >/dev/null
e2e_screen | grep -q 'GPUs .* 5│' && ok "--no-mouse: clicks are ignored" || not_ok "--no-mouse: clicks are ignored" "GPUs moved"
e2e_finish
