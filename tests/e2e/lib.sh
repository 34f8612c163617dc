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
#   e2e_check_cuts NAME [WORDFILE...]  ok when no word on screen is cut at a border
#   e2e_mouse_flags            tmux's view of the modes capdash asked for
#   e2e_attach                 attach a real tmux client, for real mouse events
#   e2e_mouse B X Y M|m        a real mouse event through that client
#   ok NAME / not_ok NAME WHY  result lines; not_ok also prints the screen
set -u
CAPDASH=${CAPDASH:-${CAPDASH_BUILD:-$PWD/build}/capdash}
E2E_SOCK=capdash-$$
E2E_SOCKS=()
E2E_N=0
E2E_FAILED=0
E2E_TMP=$(mktemp -d)
touch "$E2E_TMP/.start"
# Each script gets its own config and runs: one script's finished runs must
# not show in another's `capdash runs` (the suite shares one scratch home).
export XDG_CONFIG_HOME=$E2E_TMP/config
export XDG_STATE_HOME=$E2E_TMP/state

. "$(dirname "${BASH_SOURCE[0]}")/killruns.inc"

e2e_tmux() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

# Runs this test started (their command file is newer than the test's
# start) are killed with their process groups and supervisors, whatever
# happened: no test may leave a process behind.  Runs that were there
# before (a person's own XDG_STATE_HOME) are not touched.
e2e_kill_runs() {
	local d
	for d in "$XDG_STATE_HOME"/capdash/runs/*/; do
		[ "${d}command" -nt "$E2E_TMP/.start" ] && e2e_kill_run_status "${d}status"
	done
	return 0
}

e2e_cleanup() {
	e2e_kill_runs
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
	E2E_ARGS=("$@") # e2e_check_cuts takes the scenario's words from here
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

# e2e_mouse_flags: "sgr=S any=A button=B std=M alt=L" from tmux's pane
# format flags: what the program in the pane asked the terminal for (1006,
# 1003, 1002, 1000 and the alternate screen), not what the test typed.
e2e_mouse_flags() {
	e2e_tmux display-message -p -t 0 \
		'sgr=#{mouse_sgr_flag} any=#{mouse_any_flag} button=#{mouse_button_flag} std=#{mouse_standard_flag} alt=#{alternate_on}'
}

# e2e_check_cuts NAME [WORDFILE...]: one ok/not_ok line for the screen now.
# A cut is a word that stops short of its end, wherever it stands: in a
# padded label column ("Research scientis ━━━"), against a box border
# ("capdas│"), at the screen's right edge.  Flagged:
#   - a run of two or more letters (a whole token: not next to another
#     letter or digit) that is not a known word but is the start of a longer
#     known word or of a longer word elsewhere on the same screen;
#   - a number directly against a scroll marker (▲ ▼, ^ v in --ascii): the
#     marker took the value's last digit ("2▼" for 24).
# Known words: every word in capdash's own strings (strings(1) of $CAPDASH:
# labels, help lines, hints), in the files named on capdash's command line
# (the scenario's role names), in each WORDFILE and in $E2E_CUT_WORDS (for
# text that comes from elsewhere, e.g. a training program's output).  A word
# followed by "…" or "..." was shortened on purpose and passes.
# E2E_CUT_COLS=A-B limits the scan to screen columns A..B (0-based).
# Usage, after the screen settles:
#   e2e_check_cuts "120x24: budget pane, nothing cut"
#   E2E_CUT_WORDS="raw smoothed val" e2e_check_cuts "run pane: legend not cut"
e2e_check_cuts() {
	local name=$1 words=$E2E_TMP/cut-words report
	shift
	if [ ! -s "$words" ]; then
		{ strings -n 3 "$CAPDASH"; for a in "${E2E_ARGS[@]}"; do [ -f "$a" ] && cat "$a"; done; } |
			LC_ALL=C tr -cs 'A-Za-z0-9' '\n' >"$words"
	fi
	report=$({ cat "$words" "$@" 2>/dev/null; echo "${E2E_CUT_WORDS:-}"; } |
		perl -CSD -Mutf8 -e '
		my ($x0, $x1) = split /-/, ($ENV{E2E_CUT_COLS} // "0-100000");
		my (%known, %longer);
		while (my $l = <STDIN>) { $known{lc $1} = $longer{lc $1} = 1 while $l =~ /(\p{L}{2,})/g; }
		open(my $sfd, "<&=", 3) or die "fd 3: $!";
		my @screen = map { chomp; $_ } <$sfd>;
		for my $l (@screen) { $longer{lc $1} = 1 while $l =~ /(\p{L}{3,})/g; }
		my @cand = keys %longer;
		my $y = -1;
		for my $l (@screen) {
			$y++;
			while ($l =~ /(?<![\p{L}\p{N}])(\p{L}{2,})(?![\p{L}\p{N}])(?!…|\.\.\.)/g) {
				my ($tok, $col) = ($1, $-[1]);
				next if $col < $x0 || $col > $x1 || $known{lc $tok};
				my $t = lc $tok;
				my @of = sort { length $a <=> length $b || $a cmp $b } grep { length $_ > length $t && substr($_, 0, length $t) eq $t } @cand;
				printf "row %d col %d: \"%s\" is cut (%s): %s\n", $y, $col, $tok, $of[0], $l if @of;
			}
			while ($l =~ /(\d[\d,.]*)([▲▼^]|v(?!\p{L}))/g) {
				printf "row %d col %d: \"%s%s\": a scroll marker touches a value: %s\n", $y, $-[2], $1, $2, $l
					if $-[2] >= $x0 && $-[2] <= $x1;
			}
		}' 3< <(e2e_screen) 2>&1)
	if [ -z "$report" ]; then ok "$name"; else not_ok "$name" "words cut: $report"; fi
}

# e2e_attach: attach a client to the test's tmux server from inside a second
# tmux server (E2E_OUTER), with mouse on.  e2e_mouse then writes SGR reports
# into the client's terminal: tmux parses them as a real mouse and passes
# them to capdash's pane only if capdash asked for mouse reports (modes
# 1000/1002 and 1006) -- unlike e2e_type, which hands the pane the bytes
# whatever it asked for.  Waits until the client is attached and tmux has
# asked the client's terminal for the mouse.
e2e_attach() {
	local w h i=0
	w=$(e2e_tmux display-message -p -t 0 '#{window_width}')
	h=$(e2e_tmux display-message -p -t 0 '#{window_height}')
	e2e_tmux set-option -g mouse on >/dev/null
	e2e_tmux set-option -g status off >/dev/null
	E2E_OUTER=$E2E_SOCK-client
	E2E_SOCKS+=("$E2E_OUTER")
	tmux -L "$E2E_OUTER" -f /dev/null new-session -d -x "$w" -y "$h" \
		"TERM=xterm-256color tmux -L $E2E_SOCK -f /dev/null attach-session"
	while [ "$i" -lt 100 ]; do
		[ -n "$(e2e_tmux list-clients 2>/dev/null)" ] &&
			[ "$(tmux -L "$E2E_OUTER" display-message -p -t 0 '#{mouse_sgr_flag}')" = 1 ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# e2e_mouse BUTTON X Y M|m: one real mouse event at 1-based cell X, Y
# (button 0 left, 32 left drag, 64/65 wheel; M press, m release).
e2e_mouse() { tmux -L "$E2E_OUTER" send-keys -t 0 -l $'\e'"[<$1;$2;$3$4"; }

e2e_finish() { exit "$E2E_FAILED"; }
