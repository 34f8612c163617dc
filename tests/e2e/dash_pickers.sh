#!/bin/bash
# The pickers, in tmux at 120x40 and 80x24.  o: every shipped scenario with
# its name and the F that `capdash calc` gives it, the current directory's
# *.yaml, a symlinked duplicate listed once, a file that does not load shown
# with its error and not opened, a long name cut at a word boundary ("…",
# or "..." with --ascii), a file name carrying an escape sequence drawn
# harmlessly, a FIFO, /dev/zero and an oversized file listed as what they
# are without hanging; typing filters, arrows and End move, Enter opens, Esc cancels,
# unsaved changes are asked about first; a thousand and more files open at
# once.  a: two finished runs of the fake trainer, newest first, with state,
# step, loss and cost; typing filters; Enter opens one in the run pane.
set -u
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
SRC=${CAPDASH_SRC:-$PWD}
T="$B/tests/helpers/faketrain"
[ -x "$T" ] || { echo "not ok dash_pickers: $T missing (make test-bins)"; exit 1; }
export CAPDASH_NVML_LIB=/nonexistent

# Runs started here are stopped and their process groups killed on exit.
stop_runs() {
	local s pid pg
	for s in "$XDG_STATE_HOME"/capdash/runs/*/status; do
		[ -f "$s" ] || continue
		pg=$(grep -o '"pgid": *[0-9]*' "$s" | grep -o '[0-9]*$')
		pid=$(grep -o '"supervisor": *[0-9]*' "$s" | grep -o '[0-9]*$')
		[ -n "${pg:-}" ] && [ "$pg" -gt 1 ] && kill -KILL -- "-$pg" 2>/dev/null
		[ -n "${pid:-}" ] && [ "$pid" -gt 1 ] && kill -KILL "$pid" 2>/dev/null
	done
	return 0
}
trap 'stop_runs; e2e_cleanup' EXIT

# F as the budget pane prints it, from `capdash calc` (no figure typed here).
calc_f() {
	"$CAPDASH" calc "$1" --format csv | awk -F, '$1 == "capital" {
		split($3, p, "."); d = p[1]; if (substr(p[2] "0", 1, 1) >= 5) d++;
		s = ""; while (length(d) > 3) { s = "," substr(d, length(d) - 2) s; d = substr(d, 1, length(d) - 3) }
		print "$" d s }'
}
# The long name: whole, or cut with the ellipsis $2 where a word ends.
long_name_check() {
	local full="A very long scenario name that surely does not fit in its column" cut next
	if row_has "$full" "\$"; then
		ok "$1: the long name fits whole"
		return
	fi
	if [ "$2" = '…' ]; then
		cut=$(row "A very long" | LC_ALL=C.UTF-8 grep -o 'A very long[^…]*…' | head -1)
		cut=${cut%…}
	else
		cut=$(row "A very long" | grep -o 'A very long[^.]*\.\.\.' | head -1)
		cut=${cut%...}
	fi
	next=${full:${#cut}:1}
	if [ -n "$cut" ] && [ "${full:0:${#cut}}" = "$cut" ] && [ "$next" = " " ]; then
		ok "$1: a long name ends in $2 at a word boundary (\"$cut$2\")"
	else
		not_ok "$1: long name cut at a word boundary" "shown '$cut', next char '$next'"
	fi
}
# Esc, then q once the picker is gone (Esc and q at once read as Alt-q).
close_and_quit() {
	e2e_keys Escape
	e2e_gone 'Open a scenario' >/dev/null
	e2e_keys q
	check "quit after the picker" [ "$(e2e_exited)" = 0 ]
}
yaml_name() { sed -n 's/^name: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$1"; }

# The row of the picker (below its title) that holds TEXT.
row() { e2e_screen | sed -n '/Open a \(scenario\|run\)/,$p' | grep -F -- "$1" | head -1; }
# ok when TEXT's row also shows FIGURE.
row_has() { row "$1" | grep -qF -- "$2"; }
# The row the selection marker is on.
sel_row() { e2e_screen | grep -E '[│|](▸|>) ' | grep -v 'GPUs' | head -1; }

work=$E2E_TMP/work
user=$XDG_CONFIG_HOME/capdash/scenarios
mkdir -p "$work" "$user"
sed 's/^name:.*/name: My own plan/' "$SRC/scenarios/seed-image-recognition.yaml" >"$work/my-plan.yaml"
sed 's/^name:.*/name: A very long scenario name that surely does not fit in its column/' \
	"$SRC/scenarios/finetune-shop-cloud.yaml" >"$user/long.yaml"
sed 's/^\(  *gpus:\).*/\1 lots/' "$SRC/scenarios/seed-image-recognition.yaml" >"$user/broken.yaml"
ln -s "$SRC/scenarios/lab-8gpu-servers.yaml" "$user/lab-link.yaml"
# escape sequences in a file's name and in the name inside it
{ printf 'name: "Evil \\e]2;pwned\\a plan"\n'; grep -v '^name:' "$SRC/scenarios/seed-image-recognition.yaml"; } \
	>"$user/$(printf 'evil\033]2;pwned\007').yaml"
mkfifo "$user/fifo.yaml"                  # would block a reader that opened it plainly
ln -s /dev/zero "$user/zero.yaml"         # endless
head -c 1100000 /dev/zero | tr '\0' '#' >"$user/huge.yaml" # over the loader's size limit
cd "$work" || exit 1 # the picker lists the current directory's *.yaml

for size in "120 40" "80 24"; do
	set -- $size
	e2e_start "$1" "$2" -- --no-mouse
	e2e_wait '$29,666,667' >/dev/null
	title0=$(e2e_tmux display-message -p -t 0 '#{pane_title}')
	e2e_keys o
	check "$1x$2: o opens the scenario picker" e2e_wait 'Open a scenario'
	for f in "$SRC"/scenarios/*.yaml "$work/my-plan.yaml"; do
		name=$(yaml_name "$f") want=$(calc_f "$f")
		short=${name:0:20}
		check "$1x$2: $(basename "$f") listed as \"$short\" with F $want" row_has "$short" "$want"
	done
	check "$1x$2: a file of the current directory, shown relative" row_has "My own plan" "my-plan.yaml"
	n=$(e2e_screen | grep -c 'Research lab')
	[ "$n" = 1 ] && ok "$1x$2: a symlinked duplicate is listed once" ||
		not_ok "$1x$2: duplicate listed once" "Research lab on $n rows"
	check "$1x$2: a file that does not load says why" row_has "broken" "compute.gpus"
	long_name_check "$1x$2" '…'
	check "$1x$2: a FIFO is listed as not a file, nothing hangs" row_has 'fifo' 'not a regular file'
	check "$1x$2: /dev/zero is listed as not a file" row_has 'zero' 'not a regular file'
	check "$1x$2: a file over the size limit says so" row_has 'huge' 'bytes'
	check "$1x$2: an escape sequence in a file name is drawn as ?" e2e_wait 'evil?]2;pwned? '
	check "$1x$2: one in a scenario's name is refused by the loader" row_has 'evil?]2;pwned?' 'name: expected'
	# every word on the picker whole, or cut only with an ellipsis at its end
	e2e_check_cuts "$1x$2: no word cut mid-way in the scenario picker" "$SRC"/scenarios/*.yaml \
		"$work/my-plan.yaml" "$user/long.yaml" "$user/broken.yaml"
	[ "$(e2e_tmux display-message -p -t 0 '#{pane_title}')" = "$title0" ] &&
		ok "$1x$2: and does not retitle the window" || not_ok "$1x$2: window title" "changed"

	# filter, move, open
	e2e_type LAB
	check "$1x$2: typing filters (case-insensitive)" e2e_gone 'My own plan'
	check "$1x$2: the match stays" e2e_wait 'Research lab'
	e2e_keys BSpace BSpace BSpace
	check "$1x$2: Backspace brings the rows back" e2e_wait 'My own plan'
	before=$(sel_row)
	e2e_keys Down
	after=$(sel_row)
	[ -n "$after" ] && [ "$before" != "$after" ] && ok "$1x$2: Down moves the selection" ||
		not_ok "$1x$2: Down moves the selection" "'$before' -> '$after'"
	e2e_keys End
	last=$(e2e_screen | grep -E '[│|][▸> ] [^ ]' | grep -v 'Scenario ' | tail -1)
	[ -n "$last" ] && [ "$(sel_row)" = "$last" ] && ok "$1x$2: End selects the last row" ||
		not_ok "$1x$2: End selects the last row" "selected '$(sel_row)', last '$last'"
	e2e_type 'broken'
	e2e_keys Enter
	check "$1x$2: Enter on a file that does not load says why" e2e_wait_last 'broken.yaml:[0-9]+:[0-9]+: compute.gpus'
	check "$1x$2: and keeps the picker open" e2e_wait 'Open a scenario'
	e2e_keys C-u
	e2e_type 'my own'
	e2e_keys Enter
	check "$1x$2: Enter opens the chosen scenario" e2e_wait 'opened my-plan.yaml'
	check "$1x$2: the picker is gone" e2e_gone 'Open a scenario'
	check "$1x$2: its title is the scenario's" e2e_wait_re '┌ Budget · My own plan'

	# Esc cancels; unsaved changes are asked about first
	e2e_keys o
	e2e_wait 'Open a scenario' >/dev/null
	e2e_keys Escape
	check "$1x$2: Esc closes the picker" e2e_gone 'Open a scenario'
	check "$1x$2: and the scenario stays" e2e_wait_re '┌ Budget · My own plan'
	e2e_keys Right o
	check "$1x$2: with unsaved changes o asks first" e2e_wait 'Unsaved changes'
	e2e_keys n
	check "$1x$2: n: no picker" e2e_gone 'Open a scenario' 1
	e2e_keys o
	e2e_wait 'Unsaved changes' >/dev/null
	e2e_keys y
	check "$1x$2: y: the picker" e2e_wait 'Open a scenario'
	e2e_keys Tab
	check "$1x$2: Tab switches to the typed path prompt" e2e_wait 'Open (Tab:'
	e2e_keys Escape
	e2e_gone 'Open (Tab:' >/dev/null # (Esc and q at once would read as Alt-q)
	e2e_keys q
	check "$1x$2: quitting asks about the change" e2e_wait 'Quit without saving?'
	e2e_keys y
	check "$1x$2: clean quit" [ "$(e2e_exited)" = 0 ]
done

# The mouse (SGR reports, as a terminal sends them): a click selects a row,
# a click on the selected row opens it, the panes below get nothing.
e2e_start 120 40
e2e_wait '$29,666,667' >/dev/null
e2e_keys o
e2e_wait 'Open a scenario' >/dev/null
y=$(e2e_screen | grep -n 'Research lab' | head -1 | cut -d: -f1)
e2e_type $'\e[<0;10;'"$y"'M'$'\e[<0;10;'"$y"'m'
check "mouse: a click selects the row" eval 'sel_row | grep -q "Research lab"'
e2e_type $'\e[<0;10;'"$y"'M'$'\e[<0;10;'"$y"'m'
check "mouse: a click on the selected row opens it" e2e_wait 'opened'
check "mouse: the clicked scenario is open" e2e_wait_re '┌ Budget · Research lab'
# the open file (not the first row) is the one selected when o comes back
e2e_keys o
e2e_wait 'Open a scenario' >/dev/null
check "the open file is selected when the picker opens" eval 'sel_row | grep -q "Research lab"'
e2e_keys Escape
e2e_gone 'Open a scenario' >/dev/null
e2e_keys q
check "mouse: clean quit" [ "$(e2e_exited)" = 0 ]

# --ascii: "..." and no UTF-8 in the picker
e2e_start 80 24 -- --ascii --no-mouse
e2e_wait '$29,666,667' >/dev/null
e2e_keys o
e2e_wait 'Open a scenario' >/dev/null
long_name_check "--ascii" '...'
# The Chinese preset's row holds its name as written (data, not drawing):
# every other cell must be ASCII.
box=$(e2e_screen | sed -n '/Open a scenario/,/Esc cancel/p' | grep -v '种子轮')
if printf '%s' "$box" | LC_ALL=C grep -q '[^ -~]'; then
	not_ok "--ascii: the picker is plain ASCII" "$(printf '%s' "$box" | LC_ALL=C grep '[^ -~]' | head -2)"
else
	ok "--ascii: the picker is plain ASCII"
fi
close_and_quit

# Many files: the picker opens at once and describes what is on screen.
many=$E2E_TMP/many
mkdir -p "$many"
for i in $(seq -w 1 1200); do cp "$SRC/scenarios/seed-image-recognition.yaml" "$many/p$i.yaml"; done
cd "$many" || exit 1
e2e_start 120 40 -- --no-mouse
e2e_wait '$29,666,667' >/dev/null
t0=$(date +%s%N)
e2e_keys o
check "1,200 files: the picker shows the cap and what it left out" e2e_wait_re '1000 of 1000 \(\+[0-9]+ not listed\)' 5
t1=$(date +%s%N)
echo "# 1,200 files: picker on screen in $(((t1 - t0) / 1000000)) ms (tmux polling included)"
check "1,200 files: the rows on screen get their F" e2e_wait_re 'p0001 .*\$29,666,667|Seed: image recog.*\$29,666,667' 5
t1=$(date +%s%N)
echo "# 1,200 files: F of the rows on screen in $(((t1 - t0) / 1000000)) ms (tmux polling included)"
e2e_keys End
check "1,200 files: End reaches the last row, described on the way" e2e_wait_re 'p1000 +.*\$29,666,667|▸ .*\$29,666,667' 5
close_and_quit
cd "$work" || exit 1

# a: two finished runs, newest first
"$CAPDASH" run --detach --name zulu -- "$T" proto 20 >/dev/null 2>&1
s=$(date +%S)
while [ "$(date +%S)" = "$s" ]; do sleep 0.05; done # ids sort by the second they start in
"$CAPDASH" run --detach --name alpha -- "$T" proto 30 >/dev/null 2>&1
for _ in $(seq 200); do
	[ "$("$CAPDASH" runs 2>/dev/null | grep -c ' finished ')" = 2 ] && break
	sleep 0.05
done
check "two runs finished" [ "$("$CAPDASH" runs 2>/dev/null | grep -c ' finished ')" = 2 ]
runs=$("$CAPDASH" runs 2>/dev/null)
zulu=$(awk '/-zulu /{print $1}' <<<"$runs") alpha=$(awk '/-alpha /{print $1}' <<<"$runs")
# the last loss of each, from its metrics, as %.4f
lastloss() { grep -o '"loss":[0-9.e+-]*' "$XDG_STATE_HOME/capdash/runs/$1/metrics.jsonl" | tail -1 | cut -d: -f2; }
for size in "120 40" "80 24"; do
	set -- $size
	e2e_start "$1" "$2" -- --no-mouse
	e2e_wait '$29,666,667' >/dev/null
	e2e_keys a
	check "$1x$2: a opens the run picker" e2e_wait 'Open a run'
	for id in "$alpha" "$zulu"; do
		steps=$(grep -o '"total":[0-9]*' "$XDG_STATE_HOME/capdash/runs/$id/metrics.jsonl" | tail -1 | cut -d: -f2)
		loss=$(printf '%.4f' "$(lastloss "$id")")
		cost=$(awk -v id="$id" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "COST") c = i }
			$1 == id { print $c }' <<<"$runs")
		check "$1x$2: $id: finished" row_has "$id" "finished"
		check "$1x$2: $id: step $steps/$steps" row_has "$id" "$steps/$steps"
		check "$1x$2: $id: loss $loss" row_has "$id" "$loss"
		check "$1x$2: $id: cost $cost" row_has "$id" "$cost"
	done
	e2e_check_cuts "$1x$2: no word cut mid-way in the run picker"
	la=$(e2e_screen | grep -n -- "$alpha" | head -1 | cut -d: -f1)
	lz=$(e2e_screen | grep -n -- "$zulu" | head -1 | cut -d: -f1)
	[ -n "$la" ] && [ -n "$lz" ] && [ "$la" -lt "$lz" ] && ok "$1x$2: newest first" ||
		not_ok "$1x$2: newest first" "alpha on line ${la:-?}, zulu on ${lz:-?}"
	e2e_type ZULU
	check "$1x$2: typing filters the runs" e2e_gone "$alpha"
	e2e_keys Enter
	check "$1x$2: Enter opens the run" e2e_wait "opened run $zulu"
	check "$1x$2: the picker is gone" e2e_gone 'Open a run'
	[ "$1" -lt 120 ] && e2e_keys Tab # one pane at a time: show the run's
	check "$1x$2: the run pane shows it" e2e_wait_re "Run.*$zulu|$zulu.*finished"
	e2e_keys a
	e2e_wait 'Open a run' >/dev/null
	e2e_keys Escape
	check "$1x$2: Esc closes the run picker" e2e_gone 'Open a run'
	e2e_keys q
	check "$1x$2: clean quit" [ "$(e2e_exited)" = 0 ]
done
e2e_finish
