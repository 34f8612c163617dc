#!/bin/bash
# The budget pane's measured block, in tmux, with the fake trainer at a known
# speed (its protocol lines say 1,000 samples/s, 1 epoch) and the fake NVML
# library (one GPU, so the speed is per device whatever this machine has):
# before a run the block says what it needs and shows no figure; with two
# points it says it is measuring; with a run, the seed's 500,000 samples on
# 5 GPUs take 1m40s, 10 GPUs halve it, twice the data doubles it, the
# epochs slider (shown only with a run) multiplies it, by keys, typed and
# by the mouse, one undo step per move; the block fits at 120x40, 80x24 and 60x24, in UTF-8 and ASCII,
# with no word cut; the run pane keeps its own cost line; a finished run
# opened with capdash attach shows the same figures.
set -u
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
T="$B/tests/helpers/faketrain"
export CAPDASH_NVML_LIB="$B/tests/fake-nvml/libnvidia-ml.so.1"
export FAKENVML_COUNT=1
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
	CAPDASH_NVML_LIB="$CAPDASH_NVML_LIB" FAKENVML_COUNT=1)

[ -x "$T" ] || { echo "not ok dash_measured: $T missing (make test-bins)"; exit 1; }

kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; e2e_cleanup' EXIT

# The budget pane's rows: each screen row up to the first box's right
# border (the run pane beside it at 120 columns is left out).
budget() { e2e_screen | sed 's/^\(│[^│]*│\).*/\1/'; }

# The training time the block shows now: the figure at the end of its
# "Train" row, as seconds ("1m40s" -> 100, "50s" -> 50, "2h05m" -> 7500).
train_s() {
	local t
	t=$(budget | grep -E '^│ Train' | head -1 | grep -oE '[0-9]+[dhms]([0-9]+[hms])?' | tail -1)
	[ -n "$t" ] || return 1
	echo "$t" | awk '{
		s = 0; x = $0
		while (match(x, /^[0-9]+[dhms]/)) {
			n = substr(x, 1, RLENGTH - 1); u = substr(x, RLENGTH, 1)
			s += n * (u == "d" ? 86400 : u == "h" ? 3600 : u == "m" ? 60 : 1)
			x = substr(x, RLENGTH + 1)
		}
		print s }'
}

# wait_train SECONDS: until the Train row shows that many seconds.
wait_train() {
	local i=0
	while [ $i -lt 100 ]; do
		[ "$(train_s)" = "$1" ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# 1. No run: the block says what it needs, and no figure of its own.
e2e_start 80 24 "${ENVS[@]}" --
check "before a run: the block says what it needs" \
	e2e_wait 'start or attach a run to see measured figures'
budget | grep -qE 'samples/s|GPU-h|Break-even|Epochs' &&
	not_ok "before a run: no measured figure, no epochs slider" "$(budget)" ||
	ok "before a run: no measured figure, no epochs slider"
e2e_check_cuts "before a run, 80x24: no word cut"
e2e_resize 120 40
check "before a run, 120x40: the same note" e2e_wait 'start or attach a run to see measured figures'
e2e_check_cuts "before a run, 120x40: no word cut"
e2e_keys q
e2e_exited >/dev/null

# 2. Two points with a speed: measuring, not a guess.
e2e_start 120 40 "${ENVS[@]}" -- --yes --run -- "$T" stall 2 50
check "two points: measuring… 2 of 3 points" e2e_wait 'measuring… 2 of 3 points' 10
budget | grep -qE 'GPU-h|Break-even' && not_ok "two points: no figures yet" "$(budget)" ||
	ok "two points: no figures yet"
kill_runs
e2e_keys q
e2e_tmux kill-server 2>/dev/null

# 3. A run at 1,000 samples/s.
e2e_start 120 40 "${ENVS[@]}" -- --yes --run -- "$T" proto 3000 40
check "run: the measured speed" e2e_wait_re '│ Measured .* 1,000 samples/s' 10
check "run: 500,000 samples, 1 epoch (the run's own), on 5 GPUs" \
	e2e_wait_re '│ Train 500,000 × 1 epoch on 5 GPUs' 5
check "run: 500,000 / (1,000 × 5) s = 1m40s" wait_train 100
check "run: its rent and break-even" e2e_wait_re '│ Rent .*\$[0-9.,]+ *│.*' 2
check "run: break-even against C" e2e_wait_re '│ Break-even.* h *│' 2
check "run: the epochs slider shows, at the run's epochs" e2e_wait_re '│ Epochs \(run\) .* 1 *│' 2
check "run pane: its own cost line stays" e2e_wait_re '\$[0-9.,]+/h' 2
e2e_check_cuts "run, 120x40: no word cut"

# GPUs 5 -> 10 halves the time.
before=$(train_s)
e2e_keys Right Right Right Right Right
check "GPUs 10 on the slider" e2e_wait_re '▸GPUs .* 10 *│' 3
check "10 GPUs: the Train row says so" e2e_wait_re '│ Train .* on 10 GPUs' 3
after=$(train_s)
[ -n "$before" ] && [ -n "$after" ] && [ $((after * 2)) = "$before" ] &&
	ok "GPUs 5 -> 10 halves the shown training time ($before s -> $after s)" ||
	not_ok "GPUs 5 -> 10 halves the shown training time" "$before s -> $after s"

# The dataset 500,000 -> 1,000,000 (three log steps) doubles it.
e2e_keys j Right Right Right
check "dataset at 1,000,000" e2e_wait_re '▸Dataset \(samples\) .* 1,000,000 *│' 3
check "the Train row says 1,000,000" e2e_wait_re '│ Train 1,000,000 × 1 epoch' 3
d=$(train_s)
[ -n "$d" ] && [ "$d" = $((after * 2)) ] &&
	ok "twice the data doubles the training time ($after s -> $d s)" ||
	not_ok "twice the data doubles the training time" "$after s -> $d s"

# Epochs 1 -> 2 doubles it again; one u takes it back.
e2e_keys j
check "j selects the epochs slider" e2e_wait '▸Epochs (run)' 2
e2e_keys Right
check "epochs 2 on the slider" e2e_wait_re '▸Epochs \(run\) .* 2 *│' 3
check "the Train row says 2 epochs" e2e_wait_re '│ Train 1,000,000 × 2 epochs' 3
e=$(train_s)
[ -n "$e" ] && [ "$e" = $((d * 2)) ] &&
	ok "two epochs double the training time ($d s -> $e s)" ||
	not_ok "two epochs double the training time" "$d s -> $e s"
e2e_keys End
check "End: epochs at 1,000 (log scale)" e2e_wait_re '▸Epochs \(run\) .* 1,000 *│' 3
# 100 s x 1,000 = 100,000 s: 1 day 3 h 46 m, shown to the hour
check "1,000 epochs: 1,000 times the time (1d03h)" e2e_wait_re '│ Train 1,000,000 × 1,000 epochs.* 1d03h *│' 3
e2e_keys u
check "u: back to 2 epochs in one step" e2e_wait_re '▸Epochs \(run\) .* 2 *│' 3
e2e_keys u
check "u again: 1 epoch" e2e_wait_re '▸Epochs \(run\) .* 1 *│' 3
check "and the time it had" wait_train "$d"
e2e_keys Enter
check "Enter types epochs" e2e_wait_last 'Epochs \(run\): 1'
e2e_type 10
e2e_keys Enter
check "typed 10 epochs" e2e_wait_re '│ Train 1,000,000 × 10 epochs' 3
check "ten times the time" wait_train $((d * 10))

# The mouse, as on any slider: a click at the track's right end (the
# epochs row is the screen's 4th, its track columns 21-46), the wheel one
# step down, and u takes back the wheel's step alone.
if check "mouse: a client attaches" e2e_attach; then
	e2e_mouse 0 46 4 M; e2e_mouse 0 46 4 m
	check "mouse: a click at the track's end gives 1,000 epochs" \
		e2e_wait_re '▸Epochs \(run\) .* 1,000 *│' 3
	e2e_mouse 65 30 4 M
	check "mouse: the wheel steps down (800)" e2e_wait_re '▸Epochs \(run\) .* 800 *│' 3
	e2e_keys u
	check "mouse: u undoes the wheel's step alone" e2e_wait_re '▸Epochs \(run\) .* 1,000 *│' 3
	e2e_keys u
	check "mouse: and u again the click" e2e_wait_re '▸Epochs \(run\) .* 10 *│' 3
fi

# 4. Fit: 80x24 (one pane at a time), 60x24, ASCII.
e2e_resize 80 24
check "80x24: the block's time row" e2e_wait_re '│ Train .*[0-9][hms] *│' 3
check "80x24: rent and break-even rows" e2e_wait_re '│ Break-even.* h *│' 3
check "80x24: the measured speed" e2e_wait_re '│ Measured .*1,000 samples/s *│' 3
e2e_check_cuts "run, 80x24: no word cut"
e2e_resize 60 24
check "60x24: the time row" e2e_wait_re '│ Train .*[0-9][hms] *│' 3
e2e_check_cuts "run, 60x24: no word cut"
e2e_resize 44 16
check "44x16: the time still shown" e2e_wait_re '│ Train.*[0-9][hms] *│' 3
e2e_check_cuts "run, 44x16: no word cut"
kill_runs
e2e_tmux kill-server 2>/dev/null

# 5. A finished run opened with capdash attach: the same figures from its
# history.
XDG_STATE_HOME="$XDG_STATE_HOME" "$CAPDASH" run --name fast -- "$T" proto 50 >/dev/null 2>&1
e2e_start 120 40 "${ENVS[@]}" -- attach fast
check "attach: a finished run's speed" e2e_wait_re '│ Measured .* 1,000 samples/s' 10
check "attach: 1m40s on the plan's 5 GPUs" wait_train 100
check "attach: the epochs slider" e2e_wait_re '│ Epochs \(run\) .* 1 *│' 2
e2e_keys q
e2e_tmux kill-server 2>/dev/null

E2E_LANG=C e2e_start 80 24 "${ENVS[@]}" -- --ascii --yes --run -- "$T" proto 3000 40
check "ASCII: the Train row with x for times" e2e_wait_re '\| Train 500,000 x 1 epoch' 10
check "ASCII: 1m40s" e2e_wait_re '\| Train .*1m40s *\|' 3
LC_ALL=C e2e_screen | grep -qP '[^\x00-\x7f]' && not_ok "ASCII: nothing but ASCII" "$(e2e_screen)" ||
	ok "ASCII: nothing but ASCII"
e2e_check_cuts "ASCII 80x24: no word cut"
kill_runs
e2e_finish
