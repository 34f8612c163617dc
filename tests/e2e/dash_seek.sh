#!/bin/bash
# g: the goal seek form at 80x24.  Keep F <= $28,000,000 varying GPUs: the
# answer (2 GPUs) and its F ($27,666,667) beside now, Enter applies it as
# one undo step (F on screen under the target), u undoes; F <= $25,000,000
# cannot be met (0 GPUs still cost $26,333,333.33): the form says which end
# misses and by how much; Esc leaves the plan; = on C+D+H+O; --ascii and
# --no-color draw the form too.
. "$(dirname "$0")/lib.sh"

e2e_start 80 24
check "seed F" e2e_wait '$29,666,667'
e2e_keys g
check "g opens the form" e2e_wait 'Goal seek'
check "target capital F, relation ≤, varying GPUs" \
	e2e_wait_re 'Target +◂ capital F ▸'
check "relation ≤" e2e_wait_re 'Relation +◂ ≤ ▸'
check "varying GPUs first" e2e_wait_re 'Vary +◂ GPUs ▸'
check "the amount starts at F now" e2e_wait '29666666.67'
e2e_type 28000000
e2e_keys Enter
check "the answer: 2 GPUs, now 5" e2e_wait 'GPUs = 2  (now 5)'
check "F at the answer beside F now" e2e_wait 'F $27,666,667  (now $29,666,667)'
check "seeking alone leaves the plan" e2e_wait_re 'Capital  F +\$29,666,667'
e2e_keys Enter
check "Enter applies: the form closes" e2e_gone 'Goal seek'
check "F on screen is the answer's" e2e_wait_re 'Capital  F +\$27,666,667'
f=$(e2e_screen | grep -o 'Capital  F *\$[0-9,]*' | grep -o '[0-9,]*$' | tr -d ,)
if [ -n "$f" ] && [ "$f" -le 28000000 ]; then ok "F on screen <= \$28,000,000"; else
	not_ok "F on screen <= \$28,000,000" "F read as '$f'"; fi
check "the status line says what was set" e2e_wait_last 'GPUs set to 2'
e2e_keys u
check "u undoes the whole seek" e2e_wait_re 'Capital  F +\$29,666,667'
check "and GPUs are 5 again" e2e_wait_re 'GPUs .* 5 '
e2e_keys u
check "one undo step: nothing more to undo" e2e_wait_re 'Capital  F +\$29,666,667'

e2e_keys g
e2e_type '$25M'
e2e_keys Enter
check "infeasible: the end that misses" e2e_wait 'compute.gpus = 0'
check "by how much" e2e_wait_re 'above the target .*\$25,000,000'
check "the shortfall" e2e_wait '$1,333,333.33'
e2e_keys Enter
check "Enter does not apply an infeasible goal" e2e_wait 'Goal seek'
e2e_keys Escape
check "Esc closes the form" e2e_gone 'Goal seek'
check "Esc leaves the plan" e2e_wait_re 'Capital  F +\$29,666,667'
check "and the title unmodified" e2e_wait_re "$E2E_CLEAN_TITLE"

# = on the direct cost: C+D+H+O = $10M is 10 GPUs ($9.9M), not exact
e2e_keys g Up Left Up Right Down Down
e2e_type 10000000
e2e_keys Enter
check "= on C+D+H+O: the nearest, 10 GPUs" e2e_wait 'GPUs = 10  (now 5)'
check "not exact, and by how much" e2e_wait 'not exact: the nearest, $100,000 under'
check "the form's key hint is whole at 80x24" e2e_wait 'Enter applies (one undo step) · Esc leaves the plan'
e2e_keys Escape
check "Esc: F unchanged" e2e_wait_re 'Capital  F +\$29,666,667'
e2e_keys q
e2e_exited >/dev/null

e2e_start 80 24 -- --ascii --no-color
check "--ascii: seed" e2e_wait '$29,666,667'
e2e_keys g
check "--ascii: the form" e2e_wait 'Goal seek'
check "--ascii: <= and < > around choices" e2e_wait_re 'Relation +< <= >'
e2e_type 28000000
e2e_keys Enter
check "--ascii: the answer" e2e_wait 'GPUs = 2  (now 5)'
e2e_screen | LC_ALL=C grep -q $'[\x80-\xff]' &&
	not_ok "--ascii: no UTF-8 on screen" "non-ASCII bytes" || ok "--ascii: no UTF-8 on screen"
e2e_keys Enter
check "--ascii: applied" e2e_wait_re 'Capital  F +\$27,666,667'
e2e_keys q
e2e_exited >/dev/null

e2e_start 120 40
e2e_keys g
check "120x40: the form" e2e_wait 'Goal seek'
e2e_type 28000000
e2e_keys Enter
check "120x40: the answer" e2e_wait 'F $27,666,667  (now $29,666,667)'
check "the form's key hint is whole at 120x40" e2e_wait 'Enter applies (one undo step) · Esc leaves the plan'
e2e_keys Escape q
e2e_exited >/dev/null
e2e_finish
