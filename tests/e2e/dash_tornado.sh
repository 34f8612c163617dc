#!/bin/bash
# t: the tornado chart in the budget pane.  At 120x40 and 80x24: t shows it
# with alpha first and F at both its ends ($26.97M at 0.33, $32.96M at 0.27,
# the figures capdash sensitivity gives), counts say their whole values
# (GPUs 4↔6), moving GPUs redraws it, t hides it and T (the theme key now)
# changes the theme, not the chart.  Then --no-color (- and + fills) and
# --ascii (| centre, <> between the values).
. "$(dirname "$0")/lib.sh"

# The first row under the chart's title (the largest swing).
first_row() { e2e_screen | grep -A1 'Tornado: each input' | tail -1; }
row_is() { first_row | grep -qE "$1"; }

e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
e2e_screen | grep -q 'Tornado' && not_ok "no chart before t" "chart shown at start" ||
	ok "no chart before t"
e2e_keys t
check "t shows the chart with F now" e2e_wait 'Tornado: each input ±10%, F $29.67M'
check "alpha first, F from \$26.97M to \$32.96M" \
	row_is '^│ α allocation +\$26\.97M +█+│█+ \$32\.96M'
check "then the horizon, 11↔13 months" e2e_wait_re 'Months 11↔13 +\$28\.17M .*\$31\.17M'
check "GPUs move by whole units: 4↔6" e2e_wait_re 'GPUs 4↔6 +\$29\.00M .*\$30\.33M'
check "the figures block gives way to the chart" e2e_gone 'Compute  C'
e2e_keys Right
check "a GPU more: F in the title follows" e2e_wait 'F $30.33M (t hides)'
check "GPUs 5↔7 now (10% of 6 rounded away)" e2e_wait_re 'GPUs 5↔7 +\$29\.67M .*\$31\.00M'
check "alpha's ends follow: \$27.58M and \$33.70M" row_is 'α allocation +\$27\.58M .*\$33\.70M'
e2e_keys u
check "undo: back to GPUs 4↔6" e2e_wait 'GPUs 4↔6'
e2e_keys T
check "T changes the theme" e2e_wait 'theme: dark'
check "T leaves the chart" e2e_wait 'Tornado: each input'
e2e_keys t
check "t hides the chart" e2e_gone 'Tornado: each input'
check "and the figures come back" e2e_wait 'Compute  C'
e2e_keys q
e2e_exited >/dev/null

e2e_start 80 24
e2e_wait '$29,666,667' >/dev/null
e2e_keys t
check "80x24: the chart shows" e2e_wait 'Tornado: each input ±10%'
check "80x24: alpha first with both ends" row_is 'α allocation +\$26\.97M .*\$32\.96M'
check "80x24: GPUs 4↔6" e2e_wait_re 'GPUs 4↔6 +\$29\.00M'
wide=$(e2e_screen | LC_ALL=C.UTF-8 bash -c 'n=0; while IFS= read -r l; do [ ${#l} -gt 80 ] && n=$((n + 1)); done; echo $n')
[ "$wide" = 0 ] && ok "80x24: nothing wider than the screen" || not_ok "80x24: nothing wider" "$wide lines"
e2e_check_cuts "80x24: no word cut at a border"
e2e_keys q
e2e_exited >/dev/null

e2e_start 120 40 -- --no-color
e2e_wait '$29,666,667' >/dev/null
e2e_keys t
check "--no-color: - where F falls, + where it rises" \
	row_is 'α allocation +\$26\.97M +-+│\++ \$32\.96M'
e2e_screen_attrs | grep -A1 'Tornado' | tail -1 | grep -q $'\e\[3[0-9];\|\e\[38;5' &&
	not_ok "--no-color: no colour in the chart" "colour escapes" || ok "--no-color: no colour in the chart"
e2e_keys q
e2e_exited >/dev/null

e2e_start 120 40 -- --ascii
e2e_wait '$29,666,667' >/dev/null
e2e_keys t
check "--ascii: the chart in ASCII" e2e_wait 'Tornado: each input +/-10%'
check "--ascii: alpha first, | centre, - and + fills" \
	row_is '^\| alpha allocation +\$26\.97M +-+\|\++ \$32\.96M'
check "--ascii: GPUs 4<>6" e2e_wait_re 'GPUs 4<>6 +\$29\.00M'
e2e_screen | grep -A16 'Tornado' | LC_ALL=C grep -q $'[\x80-\xff]' &&
	not_ok "--ascii: no UTF-8 in the chart" "non-ASCII bytes" || ok "--ascii: no UTF-8 in the chart"
e2e_keys q
e2e_exited >/dev/null
e2e_finish
