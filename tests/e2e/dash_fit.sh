#!/bin/bash
# What a person sees at 120x40, 120x24 and 80x24: no word cut short
# anywhere (e2e_check_cuts on every screen visited: the budget, the help
# overlay page by page, presentation mode; in colour, mono, NO_COLOR and
# --ascii), scroll markers beside values rather than on them, the help
# overlay that scrolls and lists every key, the key bar of the focused pane,
# presentation mode that only moves what is on screen, and the C/D/H split
# told by fill characters when there is no colour.
. "$(dirname "$0")/lib.sh"
LAB=scenarios/lab-8gpu-servers.yaml

# settle: wait until the screen stops changing (two equal captures)
settle() {
	local a b i=0
	a=$(e2e_screen)
	while [ "$i" -lt 40 ]; do
		sleep 0.05
		b=$(e2e_screen)
		[ "$a" = "$b" ] && return 0
		a=$b; i=$((i + 1))
	done
}

# the help overlay, page by page until its last line: every page checked
# for cuts within the overlay's columns; the pages' text is kept in $HELP
help_pages() { # NAME
	local cols first last total
	cols=$(e2e_tmux display-message -p -t 0 '#{pane_width}')
	local w=$((cols <= 80 ? cols : 78))
	local x0=$(((cols - w) / 2))
	HELP=""
	e2e_keys '?'
	e2e_wait 'Keys' >/dev/null
	settle
	if e2e_screen | grep -qE '┌┌|┐┐|└└|┘┘'; then
		not_ok "$1: help overlay, no doubled corners" "a box drawn against the panes' borders"
	else
		ok "$1: help overlay, no doubled corners"
	fi
	for _ in 1 2 3 4 5 6 7 8; do
		settle
		E2E_CUT_COLS="$x0-$((x0 + w - 1))" e2e_check_cuts "$1: help page, nothing cut"
		HELP+=$(e2e_screen)
		e2e_screen | grep -qE ' [0-9]+-([0-9]+) of \1 ' && break
		e2e_screen | grep -q 'of [0-9]' || break # all on one page
		e2e_keys NPage
	done
	e2e_keys q
	e2e_gone 'Keys ─' >/dev/null
}

for size in 120x40 120x24 80x24; do
	for mode in "" "--ascii" "NO_COLOR=1" "--theme mono"; do
		args=()
		envs=()
		case $mode in
		NO_COLOR=*) envs=("$mode") ;;
		"") ;;
		*) read -ra args <<<"$mode" ;;
		esac
		name="$size${mode:+ $mode}"
		e2e_start "${size%x*}" "${size#*x}" "${envs[@]}" -- "${args[@]}" "$LAB"
		e2e_wait_re '\$29,060,000' >/dev/null
		settle
		e2e_check_cuts "$name: budget, nothing cut"
		help_pages "$name"
		e2e_keys P
		e2e_wait 'Capital needed' >/dev/null
		settle
		e2e_check_cuts "$name: presentation, nothing cut"
		e2e_keys P q
		e2e_exited >/dev/null
	done
done

# Scroll markers: at 120x24 the inputs scroll; the values on the rows the
# markers stand on (a salary, a role count) keep every digit, the marker
# stands apart.  (Which rows those are depends on the rows the figures and
# the measured block take.)
e2e_start 120 24 -- "$LAB"
e2e_wait '$29,060,000' >/dev/null
check "120x24: the last row's value whole, the ▼ beside it" e2e_wait_re '\$[0-9,]+ ▼│'
# 16 inputs: 8 sliders (with the start-month row and the raise), 8 prices;
# going down, each role's start month is a stop of its own (the one row
# follows the selected role)
for _ in $(seq 17); do e2e_keys Down; done
check "the last input selected" e2e_wait '▸Fixed costs'
check "scrolled: the ▲ does not cover the top row's value" e2e_wait_re '━.* [0-9,]+ ▲│'
e2e_check_cuts "120x24 scrolled: nothing cut"

# The help overlay at 80x24: scrolls, lists every key (run keys, Ctrl-Z),
# q and Esc close it without quitting.
e2e_resize 80 24
e2e_keys '?'
check "80x24: help opens on its first page" e2e_wait '1-20 of'
check "the footer says how to scroll and close" e2e_wait 'PgUp PgDn scroll  q Esc close'
e2e_keys End
check "End: the last page has the run keys" e2e_wait 'price the run'
check "and Ctrl-Z" e2e_wait_re 'Ctrl-Z +suspend to the shell'
e2e_keys Home
check "Home: back to the top" e2e_wait_re '↑ k +select the input above'
e2e_keys Down
check "↓ scrolls one line" e2e_wait '2-21 of'
e2e_keys Up
check "↑ scrolls back" e2e_wait '1-20 of'
e2e_keys q
check "q closes the help" e2e_gone '1-20 of'
check "and does not quit" e2e_wait '$29,060,000'
e2e_keys '?'
e2e_wait '1-20 of' >/dev/null
e2e_keys Escape
check "Esc closes it too" e2e_gone '1-20 of'
# every action's help line shows on some page
HELP=""
e2e_keys '?'
e2e_wait '1-20 of' >/dev/null
HELP+=$(e2e_screen)
e2e_keys NPage
e2e_wait '20-' >/dev/null
HELP+=$(e2e_screen)
e2e_keys End
settle
HELP+=$(e2e_screen)
e2e_keys q
missing=""
for k in 'r ' 'c ' 'a ' 'p ' 'x ' 'R ' '\[ ' '\] ' 'y ' 'Y ' 'G ' 'Ctrl-Z' 'q Ctrl-C' 'F1 \?' 'Tab' 'Ctrl-L' 'Ctrl-R'; do
	grep -qE "│ $k" <<<"$HELP" || missing+=" $k"
done
check "80x24: the help lists every key (missing:$missing)" [ -z "$missing" ]

# The key bar shows the focused pane's keys.
e2e_resize 120 40
e2e_wait '┐┌ Run' >/dev/null
check "budget focused: budget keys in the bar" e2e_wait_last 'adjust .*select'
e2e_keys Tab
check "run pane focused: run keys in the bar" e2e_wait_last 'r run .*p pause .*X stop'
check "with smoothing and log-y" e2e_wait_last '\[/\] smooth .*y log-y'
e2e_screen | tail -1 | grep -q 'adjust' && not_ok "no budget keys while the run pane has focus" "adjust shown" ||
	ok "no budget keys while the run pane has focus"
e2e_keys Tab
check "Tab back: budget keys again" e2e_wait_last 'adjust'
e2e_resize 80 24
check "80x24: the bar fits, quit stays" e2e_wait_last 'q quit *$'
e2e_check_cuts "80x24: key bar not cut"
e2e_keys q
e2e_exited >/dev/null

# Presentation mode moves only what is on screen: from a salary row, P puts
# the selection on a shown slider, → changes that slider (and F), not the
# salary; leaving P returns to the salary row.
e2e_start 120 40 -- "$LAB"
e2e_wait '$29,060,000' >/dev/null
for _ in $(seq 13); do e2e_keys Down; done
check "a salary row selected" e2e_wait '▸Research scientists salary/mo'
e2e_keys P
e2e_wait 'Capital needed' >/dev/null
check "P: the selection is on a slider on screen" e2e_wait_re '▸α allocation +[━─●=O-]+ +0\.40'
e2e_keys Right
check "→ moves the slider on screen" e2e_wait_re '▸α allocation .* 0\.45'
e2e_keys P
check "leaving P: back on the salary row" e2e_wait '▸Research scientists salary/mo'
check "the salary did not change" e2e_wait_re 'Research scientists salary/mo +\$30,000'
e2e_keys q y
e2e_exited >/dev/null

# Without colour the split shows in fill characters, each part's own, and
# the rows C, D, H (and presentation's legend) say which is which.
for mode in NO_COLOR=1 "--theme mono" --ascii; do
	args=(); envs=()
	case $mode in NO_COLOR=*) envs=("$mode") ;; *) read -ra args <<<"$mode" ;; esac
	e2e_start 120 40 "${envs[@]}" -- "${args[@]}"
	e2e_wait '$29,666,667' >/dev/null
	if [ "$mode" = --ascii ]; then c='#' d='=' h='\.'; else c='█' d='▓' h='░'; fi
	check "$mode: C's row has its fill" e2e_wait_re "Compute  C .*$c$c"
	check "$mode: D's row has its own" e2e_wait_re "Data     D .*$d$d"
	check "$mode: H's row has its own" e2e_wait_re "People   H .*$h$h"
	check "$mode: the share bar shows all three" e2e_wait_re "^[│|] +$c+$d+$h+ *[│|]"
	e2e_keys P
	check "$mode: the presentation legend names each fill" e2e_wait_re "$c Compute +$d Data +$h People"
	e2e_keys P q
	e2e_exited >/dev/null
done
e2e_finish
