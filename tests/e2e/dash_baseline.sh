#!/bin/bash
# The baseline (issue 9): b pins the plan on screen, every input and figure
# then shows its change against it, signed and coloured; b again re-pins, u
# leaves the baseline where it is, B clears it.  In colour and in mono ASCII,
# at 80x24 and 120x40, with no word cut.
. "$(dirname "$0")/lib.sh"

# The GPUs row and the F row of the screen now.
gpus_row() { e2e_screen | grep -E '^[|│][ ▸>]GPUs '; }
f_row() { e2e_screen | grep -E 'Capital  F'; }
row_has() { # row_has ROWFN REGEX
	"$1" | grep -qE "$2"
}

e2e_start 80 24
check "seed F shown" e2e_wait '$29,666,667'
e2e_screen | grep -q 'vs baseline' && not_ok "no baseline at start" "title says pinned" ||
	ok "no baseline at start"

e2e_keys b
check "b: the title says what is pinned" e2e_wait_re 'Budget · .* · vs baseline [0-9][0-9]:[0-9][0-9] '
check "b: the status line says so" e2e_wait_last 'baseline pinned at [0-9]+:[0-9]+'
check "pinned, unchanged: F's change is +\$0" e2e_wait_re 'Capital  F .*\+\$0( |$)'

e2e_keys Right
check "→ on GPUs: F +\$666,667 against the baseline" e2e_wait '▲ +$666,667'
check "the GPUs row shows +1" row_has gpus_row ' \+1 +6[^0-9]'
check "C shows +\$200,000" e2e_wait_re 'Compute  C +\$1,200,000 +\+\$200,000'
check "D unchanged shows +\$0" e2e_wait_re 'Data     D +\$2,500,000 +\+\$0 '
check "C+D+H shows +\$200,000" e2e_wait_re 'C\+D\+H +\$9,100,000 +\+\$200,000'
# Colour: the GPUs change and F's change are drawn in a colour, not plain.
check "the +1 is coloured" sh -c "tmux -L $E2E_SOCK -f /dev/null capture-pane -p -e -t 0 | grep -E 'GPUs' | grep -qP '\x1b\[[0-9;]*m\+1'"
E2E_CUT_WORDS="vs baseline" e2e_check_cuts "80x24 pinned: nothing cut"
e2e_keys P
check "P: presentation mode says F's change against the baseline" \
	e2e_wait_re '\+\$666,667 vs baseline [0-9]+:[0-9]+'
e2e_keys P
check "P again: back to the budget pane" e2e_wait 'Compute  C'

# b again re-pins at 6 GPUs: no change to show until the next move.
e2e_keys b
check "b again: pinned again" e2e_wait_last 'pinned again'
check "re-pinned: F's change back to +\$0" e2e_wait_re 'Capital  F +\$30,333,333 .*\+\$0( |$)'
row_has gpus_row '\+1' && not_ok "re-pinned: the GPUs row has no change" "$(gpus_row)" ||
	ok "re-pinned: the GPUs row has no change"

# Undo moves the plan, never the baseline (still 6 GPUs).
e2e_keys u
check "u: back to 5 GPUs" e2e_wait '$29,666,667'
check "u: the baseline stays pinned" e2e_wait 'vs baseline'
check "u: GPUs row −1 against the baseline at 6" row_has gpus_row ' −1 +5[^0-9]'
check "u: F −\$666,667 against the baseline" e2e_wait '▼ −$666,667'
check "u: C −\$200,000 against the baseline" e2e_wait_re 'Compute  C +\$1,000,000 +−\$200,000'

e2e_keys B
check "B: the title no longer says pinned" e2e_gone 'vs baseline'
check "B: the status line says cleared" e2e_wait_last 'baseline cleared'
check "B: as loaded again, no change shown" e2e_gone '−$666,667'
row_has gpus_row '−1' && not_ok "B: no change on the GPUs row" "$(gpus_row)" ||
	ok "B: no change on the GPUs row"
e2e_keys q
e2e_exited >/dev/null

# Mono and ASCII: the sign alone tells the direction.
e2e_start 80 24 -- --no-color --ascii
check "mono: seed F shown" e2e_wait '$29,666,667'
e2e_keys b Left
check "mono: title says pinned" e2e_wait 'vs baseline'
check "mono: GPUs row -1" row_has gpus_row ' -1 +4[^0-9]'
tmux -L "$E2E_SOCK" -f /dev/null capture-pane -p -e -t 0 | grep -E 'GPUs' | grep -qP '\x1b\[[0-9;]*3[0-7]m' &&
	not_ok "mono: the -1 is in no colour" "a colour on the GPUs row" || ok "mono: the -1 is in no colour"
check "mono: F -\$666,667" e2e_wait 'v -$666,667'
check "mono: C -\$200,000" e2e_wait_re 'Compute  C +\$800,000 +-\$200,000'
e2e_keys Right Right
check "mono: GPUs row +1" row_has gpus_row ' \+1 +6[^0-9]'
check "mono: F +\$666,667" e2e_wait '^ +$666,667'
e2e_screen | grep -qP '\x{2212}|▲|▼' && not_ok "mono ASCII: no UTF-8 signs" "found" ||
	ok "mono ASCII: no UTF-8 signs"
E2E_CUT_WORDS="vs baseline" e2e_check_cuts "80x24 mono pinned: nothing cut"
e2e_keys q y
e2e_exited >/dev/null

# 120x40: the budget pane beside the run pane, narrower.
e2e_start 120 40
check "120x40: seed F shown" e2e_wait '$29,666,667'
e2e_keys b Right
check "120x40: title says pinned" e2e_wait 'vs baseline'
check "120x40: GPUs row +1" row_has gpus_row ' \+1 +6[^0-9]'
check "120x40: F +\$666,667" e2e_wait '▲ +$666,667'
E2E_CUT_WORDS="vs baseline" e2e_check_cuts "120x40 pinned: nothing cut"
e2e_keys q y
e2e_exited >/dev/null
e2e_finish
