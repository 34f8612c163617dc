#!/bin/bash
# The budget pane: the seed's figures, one step, undo/redo, typed values
# (good and bad), selection, Home/End and the modified marker.
. "$(dirname "$0")/lib.sh"

e2e_start 120 40
check "seed scenario shows F = \$29,666,667" e2e_wait '$29,666,667'
check "compact F \$29.67M and C/D/H" e2e_wait '$29.67M'
check "C of the seed" e2e_wait_re 'Compute  C *\$1,000,000'
check "D of the seed" e2e_wait_re 'Data     D *\$2,500,000'
check "H of the seed" e2e_wait_re 'People   H *\$5,400,000'
check "GPUs selected at start" e2e_wait '▸GPUs'
check "unmodified title has no *" e2e_wait_re "$E2E_CLEAN_TITLE"
# As loaded there is no change to show: no "▲ +$0".
e2e_screen | grep -qE '▲|▼ |\+\$0|no change' && not_ok "no change shown at load" "a delta at load" ||
	ok "no change shown at load"

e2e_keys Right
check "→ on GPUs shows \$30,333,333" e2e_wait '$30,333,333'
check "the change from the loaded scenario" e2e_wait '▲ +$666,667'
check "title marked modified" e2e_wait_re "$E2E_MODIFIED_TITLE"

e2e_keys u
check "u returns to \$29,666,667" e2e_wait '$29,666,667'
check "title unmarked after undo" e2e_wait_re "$E2E_CLEAN_TITLE"
e2e_keys C-r
check "Ctrl-R redoes" e2e_wait '$30,333,333'
e2e_keys u

# Enter, digits, Enter: the typed text replaces the value shown.
e2e_keys Enter
check "Enter opens a prompt for GPUs" e2e_wait 'GPUs: 5'
e2e_type 8
e2e_keys Enter
check "typed 8 GPUs: F = \$31,666,667" e2e_wait '$31,666,667'

e2e_keys Enter
e2e_type abc
e2e_keys Enter
check "a bad typed value gives a message naming the field once, both ways" \
	e2e_wait_last 'GPUs \(compute\.gpus\): expected'
check "the message says what was expected" e2e_wait_last '[Ee]xpected|[Nn]umber'
once() { [ "$(e2e_screen | tail -1 | grep -o "$1" | wc -l)" = 1 ]; }
check "GPUs said once" once 'GPUs'
check "a bad typed value leaves F unchanged" e2e_wait '$31,666,667'

e2e_keys Enter
e2e_type 9
e2e_keys Escape
check "Esc cancels a typed value" e2e_gone 'GPUs: 9'
check "and leaves F alone" e2e_wait '$31,666,667'

e2e_keys Enter
e2e_type 2000000
e2e_keys Enter
check "an out-of-range value is refused" e2e_wait '$31,666,667'
check "range named in the message" e2e_wait_last '1,000,000'
check "the out-of-range message names the field once, both ways" \
	e2e_wait_last '^ *GPUs \(compute\.gpus\): expected'
check "compute.gpus said once" once 'compute.gpus'

e2e_keys u
check "undo of a typed value" e2e_wait '$29,666,667'

e2e_keys j
check "j selects the dataset slider" e2e_wait '▸Dataset'
e2e_keys Right
check "dataset steps on a log scale (500,000 -> 600,000)" e2e_wait '600,000'
e2e_keys Left Left
check "and back down (400,000)" e2e_wait '400,000'
e2e_keys Right
check "and up again (500,000)" e2e_wait '$29,666,667'
e2e_keys k Home
check "Home: GPUs to the slider minimum (0)" e2e_wait '$26,333,333'
e2e_keys End
check "End: GPUs to the slider maximum" e2e_wait_re '▸GPUs.* 128│'
e2e_keys PPage
check "PgUp: ten steps down" e2e_wait_re '▸GPUs.* 118│'

# Price fields are typed too: GPU unit cost to $100,000 with 5 GPUs.
e2e_keys Home Enter
e2e_type 5
e2e_keys Enter
# GPUs, dataset, the two roles with the start-month row (which follows the
# selected role), α and the raise come before the prices
for _ in 1 2 3 4 5 6 7 8; do e2e_keys Down; done
check "price fields are selectable" e2e_wait '▸GPU unit cost'
e2e_keys Enter
e2e_type 100000
e2e_keys Enter
check "typed GPU unit cost \$100,000: F = \$28,000,000" e2e_wait '$28,000,000'

# α has one format everywhere: two decimals on the slider, in the prompt and
# in the message, also at 1 (which used to read "1" beside "0.30").
e2e_keys Up Up
check "α selected, shown as 0.30" e2e_wait_re '▸α allocation .* 0\.30│'
e2e_keys End
check "α at its maximum reads 1.00" e2e_wait_re '▸α allocation .* 1\.00│'
e2e_keys Enter
check "the prompt shows α the same way" e2e_wait_last 'α allocation: 1\.00'
e2e_keys BSpace BSpace BSpace BSpace 0 . 5 Enter
check "and the message too" e2e_wait_last 'α allocation set to 0\.50'
e2e_keys u u
e2e_wait '$28,000,000' >/dev/null

e2e_keys '?'
check "? shows the help overlay" e2e_wait 'type an exact value'
e2e_keys Escape
check "any key closes it" e2e_gone 'type an exact value'

e2e_keys q
check "q with unsaved changes asks" e2e_wait 'Quit without saving?'
e2e_keys n
check "n keeps the dashboard" e2e_wait '$28,000,000'
e2e_keys q y
st=$(e2e_exited)
check "q y quits with status 0" [ "$st" = 0 ]
e2e_finish
