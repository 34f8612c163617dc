#!/bin/bash
# A whole session under valgrind: steps, typed values (good and bad), undo,
# redo, every theme, presentation, help, a resize storm through the tiny
# summary, save-as and open.  No invalid access, nothing leaked.
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null; then
	echo "ok valgrind session # SKIP valgrind not installed"
	exit 0
fi
real=$CAPDASH
CAPDASH=$E2E_TMP/vg
cat >"$CAPDASH" <<EOS
#!/bin/sh
exec valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \\
	--show-leak-kinds=definite,indirect --error-exitcode=9 --log-file=$E2E_TMP/vg.log "$real" "\$@"
EOS
chmod +x "$CAPDASH"

e2e_start 120 40
check "starts under valgrind" e2e_wait '$29,666,667' 30
# each group waits for its effect: keys sent to a slow program while it is
# in another mode would test something else
e2e_keys Right Right
e2e_wait '$31,000,000' 20 >/dev/null
e2e_keys j Right Enter
e2e_wait 'Dataset (samples): 600000' 20 >/dev/null
e2e_type 123456
e2e_keys Enter
e2e_wait '123,456' 20 >/dev/null
e2e_keys Enter
e2e_type xyz
e2e_keys Enter
e2e_wait 'expected' 20 >/dev/null
e2e_keys u u C-r T T T T T T T
e2e_wait 'theme: ' 20 >/dev/null
# the tornado chart (t): drawn, redrawn after a step, hidden
e2e_keys t
e2e_wait 'Tornado: each input' 20 >/dev/null
e2e_keys Right
e2e_wait 'GPUs 6↔8' 20 >/dev/null
e2e_keys Left t
e2e_gone 'Tornado: each input' 20 >/dev/null
e2e_keys P
e2e_wait 'Capital needed' 20 >/dev/null
e2e_keys Right P
e2e_wait 'Prices' 20 >/dev/null
e2e_keys '?'
e2e_wait 'type an exact value' 20 >/dev/null
e2e_keys Escape
e2e_gone 'type an exact value' 20 >/dev/null
# list edits: whole-input undo steps made, undone, redone, and dropped by
# a newer edit
e2e_keys +
e2e_wait 'add a role or a cost line?' 20 >/dev/null
e2e_keys r
e2e_wait 'name of the new role:' 20 >/dev/null
e2e_type Ops
e2e_keys Enter
e2e_wait '▸Ops' 20 >/dev/null
e2e_keys -
e2e_wait 'removed Ops' 20 >/dev/null
e2e_keys u
e2e_wait 'undone: removed Ops' 20 >/dev/null
e2e_keys C-r
e2e_wait 'redone: removed Ops' 20 >/dev/null
e2e_keys u +
e2e_wait 'add a role or a cost line?' 20 >/dev/null
e2e_keys c
e2e_wait 'name of the new cost line:' 20 >/dev/null
e2e_type Legal
e2e_keys Enter
e2e_wait 'monthly or once?' 20 >/dev/null
e2e_keys o
check "list edits under valgrind" e2e_wait '▸Legal once' 20
for s in 80x24 30x10 200x60 40x12 20x8 120x40; do e2e_resize "${s%x*}" "${s#*x}"; sleep 0.2; done
check "alive after the resizes" e2e_wait '┐┌ Run' 20
e2e_keys Tab Tab S
e2e_wait 'Save as: ' 20 >/dev/null
e2e_keys C-u
e2e_type "$E2E_TMP/saved.yaml"
e2e_keys Enter
check "save-as under valgrind" e2e_wait "saved $E2E_TMP/saved.yaml" 20
e2e_keys o
e2e_type "$E2E_TMP/saved.yaml"
e2e_keys Enter
check "open under valgrind" e2e_wait "opened" 20
e2e_keys Right q y
st=$(e2e_exited 30)
[ "$st" = 0 ] && ok "valgrind: no errors, no leaks" ||
	not_ok "valgrind: no errors, no leaks" "status $st: $(grep -E 'ERROR SUMMARY|definitely|Invalid' "$E2E_TMP/vg.log" | head -5)"
e2e_finish
