#!/bin/bash
# Files: save-as then reload, save without questions, a file changed on disk
# since it was loaded, quit with unsaved changes, the recovery file written
# on SIGTERM and offered on the next start, and opening a scenario.
. "$(dirname "$0")/lib.sh"
plan=$E2E_TMP/plan.yaml

e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
e2e_keys Right S
check "S asks for a file name" e2e_wait 'Save as: '
e2e_keys C-u
e2e_type "$plan"
e2e_keys Enter
check "save-as reports the file" e2e_wait "saved $plan"
check "saved: the title loses its *" e2e_wait_re "$E2E_CLEAN_TITLE"
[ -s "$plan" ] && ok "the file exists" || not_ok "the file exists" "$plan missing"
e2e_keys q
check "q quits at once when everything is saved" [ "$(e2e_exited)" = 0 ]

e2e_start 120 40 -- "$plan"
check "reload: the saved value is back" e2e_wait '$30,333,333'
check "reload: unmodified" e2e_wait_re "$E2E_CLEAN_TITLE"
# no change from the loaded file: no delta is shown (not even "+$0")
check "reload: no delta at load" e2e_gone '▲ +'
e2e_keys Right s
check "s saves over the file it came from" e2e_wait "saved $plan"
e2e_keys Right
e2e_wait '$31,666,667' >/dev/null
# someone else edits the file meanwhile
sleep 1.1; echo "# edited elsewhere" >>"$plan"
e2e_keys s
check "a file changed on disk: s asks first" e2e_wait 'changed on disk since it was loaded'
e2e_keys n
check "n: not saved" e2e_wait 'not saved'
grep -q 'edited elsewhere' "$plan" && ok "n leaves the file alone" || not_ok "n leaves the file alone" "file rewritten"
e2e_keys s
e2e_wait 'changed on disk' >/dev/null
e2e_keys y
check "y: saved" e2e_wait "saved $plan"

e2e_keys Left q
check "q with unsaved changes asks" e2e_wait 'Quit without saving?'
e2e_keys s
check "s at the question saves and quits" [ "$(e2e_exited)" = 0 ]
e2e_start 120 40 -- "$plan"
check "the value saved on quitting is back" e2e_wait '$31,000,000'

e2e_keys Right
e2e_wait '$31,666,667' >/dev/null
kill -TERM "$(e2e_pid)"
st=$(e2e_exited)
check "SIGTERM with unsaved changes: exits non-zero" [ "${st:-0}" != 0 ]
grep -q 'unsaved changes' "$E2E_TMP/stderr" && ok "and says where the changes went" ||
	not_ok "and says where the changes went" "stderr: $(cat "$E2E_TMP/stderr")"
e2e_start 120 40 -- "$plan"
check "the next start offers the recovered changes" e2e_wait 'Restore them?'
e2e_keys y
check "restored: the changed value is back" e2e_wait '$31,666,667'
check "restored: shown as unsaved" e2e_wait_re "$E2E_MODIFIED_TITLE"
e2e_keys u
check "restored changes can be undone" e2e_wait '$31,000,000'
e2e_keys q
e2e_exited >/dev/null
e2e_start 120 40 -- "$plan"
e2e_wait '$31,000,000' >/dev/null
e2e_screen | grep -q 'Restore them?' && not_ok "the recovery is offered once" "asked again" || ok "the recovery is offered once"

# The same from the built-in scenario, and with the terminal going away
# (SIGHUP, a dropped SSH connection) instead of SIGTERM.
e2e_keys q
e2e_exited >/dev/null
e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
e2e_keys Right Right
e2e_wait '$31,000,000' >/dev/null
kill -HUP "$(e2e_pid)"
e2e_exited >/dev/null
e2e_start 120 40
check "SIGHUP: the built-in scenario's changes are offered" e2e_wait 'Restore them?'
e2e_keys y
check "SIGHUP: restored" e2e_wait '$31,000,000'
e2e_keys u u
check "SIGHUP: and undoable back to the seed" e2e_wait '$29,666,667'
e2e_keys q
e2e_exited >/dev/null
e2e_start 120 40 -- "$plan"
e2e_wait '$31,000,000' >/dev/null

cp "$plan" "$E2E_TMP/other.yaml"
e2e_keys o
check "o shows the scenario picker" e2e_wait 'Open a scenario'
# a / typed in the picker goes on as a path at the old prompt
e2e_type "$E2E_TMP/other.yaml"
check "typing a path switches to the path prompt" e2e_wait 'Open (Tab:'
e2e_keys Enter
check "o opens it" e2e_wait "opened $E2E_TMP/other.yaml"
e2e_keys o
e2e_wait 'Open a scenario' >/dev/null
e2e_type "$E2E_TMP/missing.yaml"
e2e_keys Enter
check "opening a missing file: a message, no crash" e2e_wait 'missing.yaml'
check "and the open scenario stays" e2e_wait '$31,000,000'
e2e_keys q
check "clean quit" [ "$(e2e_exited)" = 0 ]
e2e_finish
