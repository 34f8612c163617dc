# lib.sh — helpers for the dashboard's end-to-end tests, sourced by
# tests/e2e/*.sh.  Each test runs capdash inside its own tmux server
# (tmux -L capdash-$$-N -f /dev/null) so tests never see each other or the
# user's tmux, sends keys with send-keys, reads the screen with capture-pane
# and waits by polling with a timeout, never with a fixed sleep.
#
#   e2e_start W H [ENV=VAL ...] -- [capdash args]   start capdash in a W x H pane
#   e2e_keys KEY...            send-keys (tmux key names: Right, Enter, C-r)
#   e2e_type TEXT              send literal text
#   e2e_wait TEXT [SECONDS]    wait until the screen contains TEXT (fixed string)
#   e2e_wait_re REGEX [SECONDS]  the same for an extended regex
#   e2e_gone TEXT [SECONDS]    wait until it does not
#   e2e_wait_last REGEX [SECONDS]  wait until the last line (status line) matches
#   e2e_screen                 print the screen
#   e2e_resize W H             resize the pane (the window follows)
#   e2e_exited [SECONDS]       wait for capdash to exit; prints its status
#   ok NAME / not_ok NAME WHY  result lines; not_ok also prints the screen
set -u
CAPDASH=${CAPDASH:-${CAPDASH_BUILD:-$PWD/build}/capdash}
E2E_SOCK=capdash-$$
E2E_SOCKS=()
E2E_N=0
E2E_FAILED=0
E2E_TMP=$(mktemp -d)
export XDG_CONFIG_HOME=${XDG_CONFIG_HOME:-$E2E_TMP/config}
export XDG_STATE_HOME=${XDG_STATE_HOME:-$E2E_TMP/state}

e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
	for s in "${E2E_SOCKS[@]}"; do tmux -L "$s" kill-server 2>/dev/null; done
	# capdash may still be writing its recovery file after the hangup
	for _ in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$E2E_TMP" 2>/dev/null && break; sleep 0.1; done
}
trap e2e_cleanup EXIT

e2e_start() {
	local w=$1 h=$2 envs=() q=""
	shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	[ "${1:-}" = "--" ] && shift
	for a in "$CAPDASH" "$@"; do q+=" $(printf '%q' "$a")"; done
	e2e_tmux kill-server 2>/dev/null
	# a new server per start: a dying one must not answer the next start
	E2E_N=$((E2E_N + 1))
	E2E_SOCK=capdash-$$-$E2E_N
	E2E_SOCKS+=("$E2E_SOCK")
	# The exit status is written to a file so tests can check it.
	e2e_tmux new-session -d -x "$w" -y "$h" \
		"env LANG=${E2E_LANG:-C.UTF-8} LC_ALL=${E2E_LANG:-C.UTF-8} TERM=${E2E_TERM:-screen-256color} ${envs[*]:-} $q 2>$E2E_TMP/stderr; echo \$? >$E2E_TMP/status; sleep 600"
	e2e_tmux set-option -g remain-on-exit on >/dev/null
	rm -f "$E2E_TMP/status"
}

# The pid of capdash inside the pane (the shell's child).
e2e_pid() {
	local parent p stat
	parent=$(e2e_tmux display-message -p -t 0 '#{pane_pid}')
	for p in /proc/[0-9]*; do
		stat=$(cat "$p/stat" 2>/dev/null) || continue
		stat=${stat##*) } # fields after the command name
		set -- $stat
		[ "$2" = "$parent" ] && [ "$(readlink "$p/exe")" != "$(command -v sleep)" ] &&
			{ echo "${p#/proc/}"; return 0; }
	done
	return 1
}

e2e_keys() { e2e_tmux send-keys -t 0 "$@"; }
e2e_type() { e2e_tmux send-keys -t 0 -l "$1"; }
e2e_screen() { e2e_tmux capture-pane -p -t 0; }
e2e_screen_attrs() { e2e_tmux capture-pane -p -e -t 0; }
e2e_resize() { e2e_tmux resize-window -t 0 -x "$1" -y "$2"; }

e2e_wait() {
	local text=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | grep -qF -- "$text" && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# e2e_wait_re REGEX [SECONDS]: like e2e_wait, for an extended regex.
e2e_wait_re() {
	local re=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | grep -qE -- "$re" && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# e2e_wait_last REGEX [SECONDS]: until the screen's last line (the status
# line, where messages go) matches an extended regex.
e2e_wait_last() {
	local re=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | tail -1 | grep -qE -- "$re" && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# The budget pane's title, unmodified or with its '*'.
E2E_CLEAN_TITLE='┌ Budget · [^─*]+ ─'
E2E_MODIFIED_TITLE='┌ Budget · [^─]+\* ─'

e2e_gone() {
	local text=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | grep -qF -- "$text" || return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

e2e_exited() {
	local limit=${1:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		[ -s "$E2E_TMP/status" ] && { cat "$E2E_TMP/status"; return 0; }
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

ok() { echo "ok $1"; }
not_ok() {
	echo "not ok $1: $2"
	echo "--- screen:"; e2e_screen | sed 's/^/# /'
	[ -s "$E2E_TMP/stderr" ] && { echo "--- stderr:"; sed 's/^/# /' "$E2E_TMP/stderr"; }
	E2E_FAILED=1
}

# check NAME COMMAND...: ok when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "$*"; fi
}

e2e_finish() { exit "$E2E_FAILED"; }
