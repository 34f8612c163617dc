#!/bin/bash
# Roles and cost lines edited in the dashboard (issue 13): the selected
# role's start month, + a role (its row, its count moves F), r renames it,
# - removes it, u brings it back; + a cost line with its amount typed; the
# raise slider ("Raise = F" until moved, F itself unmoved); s saves and the
# YAML has the role, the line and the raise, a reload shows them; 80x24
# scrolls to the selection.  Every step waits on the screen.
. "$(dirname "$0")/lib.sh"
plan=$E2E_TMP/plan.yaml
cp "$CAPDASH_SRC/scenarios/seed-image-recognition.yaml" "$plan"

e2e_start 120 40 -- "$plan"
check "seed F \$29,666,667" e2e_wait '$29,666,667'
check "on GPUs the run pane's hint says r starts a run" e2e_wait_re 'r +start a run'

# The start month: one row, under the role selected.
check "a start-month row under the first role" e2e_wait_re 'Data scientists .*│.*$'
e2e_screen | grep -A1 'Data scientists  ' | grep -q 'starts month' &&
	ok "starts month sits under Data scientists" ||
	not_ok "starts month sits under Data scientists" "not under it"
e2e_keys j j j
check "j j j selects it" e2e_wait_re '▸  starts month .* 1│'
e2e_keys Enter
check "Enter: the prompt says whose start month" e2e_wait_last 'Data scientists start month: 1'
e2e_keys Escape
check "Esc closes it" e2e_gone 'start month: 1'
e2e_keys Right Right Right
check "→ ×3: Data scientists from month 4" e2e_wait_re '▸  starts month .* 4│'
check "H \$4,500,000 and F \$26,666,667" e2e_wait '$26,666,667'
e2e_keys End
check "End: the last month of the horizon (12)" e2e_wait_re '▸  starts month .* 12│'
e2e_keys u u u u
check "undone: F \$29,666,667" e2e_wait '$29,666,667'
check "title unmarked after undo" e2e_wait_re "$E2E_CLEAN_TITLE"
e2e_keys j
check "the next role's row brings the start row under it" e2e_wait_re '▸ML engineers'
e2e_screen | grep -A1 '▸ML engineers' | grep -q 'starts month' &&
	ok "starts month moved under ML engineers" ||
	not_ok "starts month moved under ML engineers" "not under it"

# + a role: asked which, then its name; its row appears, selected.
e2e_keys +
check "+ asks what to add" e2e_wait 'add a role or a cost line? (r/c)'
e2e_keys r
check "r asks the role's name" e2e_wait 'name of the new role:'
e2e_type Researchers
e2e_keys Enter
check "its row appears, selected" e2e_wait_re '▸Researchers +[━●]'
check "said, with the salary it starts at" e2e_wait_last 'added Researchers at \$30,000/mo like ML engineers'
check "title marked modified" e2e_wait_re "$E2E_MODIFIED_TITLE"
e2e_keys Right
check "its count moves F (+\$360,000/0.3)" e2e_wait '$30,866,667'
check "Team counts it" e2e_wait '16 people'
check "the key bar says r rename on its row" e2e_wait_re ' r rename '
check "the run pane's hint says r renames here" e2e_wait_re 'r +rename (this row|the selected role or line)'

# r renames (the run pane's r elsewhere); - removes; u brings it back.
e2e_keys r
check "r on a role's row asks its new name" e2e_wait_last 'rename role: Researchers'
e2e_type 'Research team'
e2e_keys Enter
check "renamed" e2e_wait_re '▸Research team +[━●]'
check "the rename is said" e2e_wait_last 'renamed Researchers to Research team'
e2e_keys -
check "- removes it" e2e_gone 'Research team  '
check "and says how to get it back" e2e_wait_last 'removed Research team . u to undo'
check "F without it" e2e_wait '$29,666,667'
e2e_keys u
check "u brings it back, with its name" e2e_wait_re '▸Research team +[━●].* 1│'
check "and its count" e2e_wait '$30,866,667'

# + a cost line: monthly, its amount typed.
e2e_keys +
e2e_wait 'add a role or a cost line? (r/c)' >/dev/null
e2e_keys c
check "c asks the line's name" e2e_wait 'name of the new cost line:'
e2e_type Inference
e2e_keys Enter
check "then monthly or once" e2e_wait 'Inference: paid monthly or once? (m/o'
e2e_keys m
check "its row appears, per month" e2e_wait_re '▸Inference/mo .* \$0│'
e2e_keys Enter
check "Enter types its amount" e2e_wait_last 'Inference/mo: 0'
e2e_type 20000
e2e_keys Enter
check "\$20,000 a month: F \$31,666,667" e2e_wait '$31,666,667'
check "the figures show O (\$20,000 × 12)" e2e_wait_re 'Other +O +\$240,000'
check "and sum C+D+H+O" e2e_wait_re 'C\+D\+H\+O +\$9,500,000'
check "the formula names O" e2e_wait 'F = (C+D+H+O)/α + β'

# The raise: F until it is moved; moving it moves the runway, never F.
e2e_keys j j
check "the raise follows F" e2e_wait_re '▸Raise = F .* \$31,666,667│'
e2e_keys Right
check "→: the next step, \$40,000,000" e2e_wait_re '▸Raise  .* \$40,000,000│'
check "F unmoved" e2e_wait_re 'Capital  F +\$31,666,667'
e2e_check_cuts "120x40 with a role and a cost line added: nothing cut"

e2e_keys s
check "s saves" e2e_wait_last "saved $plan"
check "title unmarked once saved" e2e_wait_re "$E2E_CLEAN_TITLE"
e2e_keys q
check "q quits at once (nothing unsaved)" [ "$(e2e_exited)" = 0 ]
check "the file has the role" grep -q 'Research team' "$plan"
check "the file has the cost line" grep -q 'Inference' "$plan"
check "the file has the raise" grep -qE 'raised: *40000000' "$plan"

# Reload: the same rows and figures.
e2e_start 120 40 -- "$plan"
check "reloaded: the role" e2e_wait_re 'Research team +[━●].* 1│'
check "reloaded: the cost line" e2e_wait_re 'Inference/mo .* \$20,000│'
check "reloaded: the raise" e2e_wait_re 'Raise  .* \$40,000,000│'
check "reloaded: F" e2e_wait '$31,666,667'
check "reloaded: not modified" e2e_wait_re "$E2E_CLEAN_TITLE"
e2e_keys q
check "q quits" [ "$(e2e_exited)" = 0 ]

# 80x24: the list scrolls with the selection; nothing cut.
e2e_start 80 24 -- "$plan"
check "80x24: the start row shows" e2e_wait 'starts month'
e2e_check_cuts "80x24: nothing cut"
e2e_keys +
e2e_wait 'add a role or a cost line?' >/dev/null
e2e_keys r
e2e_wait 'name of the new role:' >/dev/null
e2e_type Ops
e2e_keys Enter
check "80x24: the new role's row shows, selected" e2e_wait_re '▸Ops +[━●]'
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do e2e_keys j; done
check "80x24: the list scrolled down with the selection" e2e_wait_re '▸.*(salary|Months|Fixed)'
e2e_keys q
check "q with a role added asks" e2e_wait 'Quit without saving?'
e2e_keys y
check "q y quits" [ "$(e2e_exited)" = 0 ]
e2e_finish
