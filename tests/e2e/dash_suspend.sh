#!/bin/bash
# Ctrl-Z suspends (the shell's prompt comes back, the terminal is restored)
# and fg brings the dashboard back intact; SIGINT asks like q does.  Runs
# capdash from an interactive bash so there is job control.  What the
# terminal was asked for is checked too: the mouse is off while stopped
# (the shell must not get reports) and on again after fg.
. "$(dirname "$0")/lib.sh"

E2E_N=$((E2E_N + 1)); E2E_SOCK=capdash-$$-$E2E_N; E2E_SOCKS+=("$E2E_SOCK")
e2e_tmux new-session -d -x 120 -y 40 "env -i HOME=$E2E_TMP PATH=$PATH TERM=screen-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME=$XDG_CONFIG_HOME XDG_STATE_HOME=$XDG_STATE_HOME PS1='prompt$ ' bash --norc --noprofile -i"
e2e_wait 'prompt$' >/dev/null
e2e_type "$(printf '%q' "$CAPDASH")"
e2e_keys Enter
check "started from a shell" e2e_wait '$29,666,667'
mouse_is() { # sgr any alt
	local i=0
	while [ "$i" -lt 100 ]; do
		e2e_mouse_flags | grep -qE "^sgr=$1 any=$2 .* alt=$3\$" && return 0
		sleep 0.05; i=$((i + 1))
	done
	e2e_mouse_flags
	return 1
}
check "running: mouse reports on, alternate screen" mouse_is 1 1 1
e2e_keys Right
e2e_wait '$30,333,333' >/dev/null
e2e_keys C-z
check "Ctrl-Z: back at the shell" e2e_wait 'Stopped'
e2e_screen | grep -q '┌ Budget' && not_ok "the terminal is restored while stopped" "dashboard still drawn" ||
	ok "the terminal is restored while stopped"
check "stopped: no mouse reports, main screen" mouse_is 0 0 0
e2e_type fg
e2e_keys Enter
check "fg: the dashboard is back" e2e_wait '┐┌ Run'
check "fg: with its state" e2e_wait '$30,333,333'
check "fg: mouse reports on again" mouse_is 1 1 1
e2e_keys Left
check "fg: keys work again" e2e_wait '$29,666,667'
e2e_keys Right C-c
check "Ctrl-C with unsaved changes asks" e2e_wait 'Quit without saving?'
e2e_keys y
check "and quits on y, restoring the shell" e2e_wait 'prompt$'
e2e_finish
