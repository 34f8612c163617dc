#!/bin/bash
# x in the dashboard: a PNG and a TXT of the screen, named capdash-DATE-TIME,
# in screenshots.dir of config.yaml (else the current directory); the TXT
# holds what tmux shows (the F figure, the titles), the PNG is the screen's
# size in cells, and the status line says where.  X (no longer x) stops a
# run: a quick run with the fake trainer.
set -u
export LC_ALL=C.UTF-8
. "$(dirname "$0")/lib.sh"
B=${CAPDASH_BUILD:-$PWD/build}
T="$B/tests/helpers/faketrain"
[ -x "$T" ] || { echo "not ok dash_shot: $T missing (make test-bins)"; exit 1; }
kill_runs() { e2e_kill_runs_under "$XDG_STATE_HOME"; }
trap 'kill_runs; e2e_cleanup' EXIT
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME")

# PNG width and height from its IHDR (bytes 16..23, big-endian).
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'; }

# 1. screenshots.dir from config.yaml
SHOTS=$E2E_TMP/shots
mkdir -p "$SHOTS" "$XDG_CONFIG_HOME/capdash"
printf 'screenshots:\n  dir: %s\n' "$SHOTS" >"$XDG_CONFIG_HOME/capdash/config.yaml"
e2e_start 120 40 "${ENVS[@]}" --
e2e_wait 'Capital' 5 >/dev/null
e2e_keys x
check "x: the status line says where" e2e_wait_last "screenshot: $SHOTS/capdash-[0-9]{8}-[0-9]{6}(-[0-9]+)?\\.png and \\.txt"
png=$(ls "$SHOTS"/capdash-*.png 2>/dev/null | head -1)
txt=${png%.png}.txt
[ -n "$png" ] && [ -s "$png" ] && [ -s "$txt" ] && ok "x: a PNG and a TXT in screenshots.dir" ||
	not_ok "x: files" "$(ls -la "$SHOTS")"
[ "$(png_size "$png")" = "1080x720" ] && ok "x: the PNG is 120x40 cells of 9x18 px" ||
	not_ok "x: PNG size" "$(png_size "$png")"
F=$(e2e_screen | grep -oE 'Capital  F +\$[0-9,]+' | head -1)
[ -n "$F" ] && grep -qF -- "$F" "$txt" && ok "x: the TXT has the F figure tmux shows ($F)" ||
	not_ok "x: F in the TXT" "screen: $F; txt: $(grep Capital "$txt")"
# every line tmux shows (trailing blanks aside) is the TXT's, but the status line,
# which the shot itself changed
diff <(e2e_screen | sed 's/ *$//' | head -39) <(head -39 "$txt") >/dev/null &&
	ok "x: the TXT is the screen, line for line" ||
	not_ok "x: TXT differs" "$(diff <(e2e_screen | sed 's/ *$//' | head -39) <(head -39 "$txt") | head -10)"
# a change shows in the next shot
e2e_keys Right
e2e_wait 'GPUs' 2 >/dev/null
e2e_keys x
check "x again: a second picture" e2e_wait_last 'screenshot: .*\.png and \.txt'
n=$(ls "$SHOTS"/capdash-*.png | wc -l)
[ "$n" = 2 ] && ok "x again: two PNGs, the first not overwritten" || not_ok "x again: PNG count" "$n"
new=$(ls -t "$SHOTS"/capdash-*.txt | head -1)
grep -qE '▸GPUs +.* 6$|▸GPUs +.* 6│' "$new" && ok "x again: the new TXT has 6 GPUs" ||
	not_ok "x again: 6 GPUs" "$(grep GPUs "$new")"
# a theme switch read in the same batch as x: the picture is of the new
# theme's screen, not of cells the new colour pairs blanked
e2e_keys T x
check "T x at once: a third picture" e2e_wait_last 'screenshot: .*\.png and \.txt'
sleep 0.2
new=$(ls -t "$SHOTS"/capdash-*.txt | head -1)
grep -q 'Capital  F' "$new" && ok "T x at once: the picture has the screen" ||
	not_ok "T x at once: blank picture" "$(head -3 "$new")"
e2e_keys q
e2e_wait 'Quit without saving' 3 >/dev/null && e2e_keys y
e2e_exited 5 >/dev/null

# 2. no config: the current directory; a bad dir says why
rm -f "$XDG_CONFIG_HOME/capdash/config.yaml"
HERE=$E2E_TMP/here
mkdir -p "$HERE"
cd "$HERE" || exit 1 # capdash starts here from now on: its pictures land here
e2e_start 100 30 "${ENVS[@]}" --
e2e_wait 'Capital' 5 >/dev/null
e2e_keys x
check "x without a config: written here" e2e_wait_last 'screenshot: capdash-[0-9]{8}-[0-9]{6}\.png and \.txt'
ls "$HERE"/capdash-*.png >/dev/null 2>&1 && ls "$HERE"/capdash-*.txt >/dev/null 2>&1 &&
	ok "x without a config: files in the current directory" || not_ok "x here" "$(ls -la "$HERE")"
[ "$(png_size "$(ls "$HERE"/capdash-*.png | head -1)")" = "900x540" ] &&
	ok "x: the PNG follows the screen's size (100x30)" || not_ok "x: 100x30" "$(png_size "$(ls "$HERE"/capdash-*.png | head -1)")"
e2e_keys q
e2e_exited 5 >/dev/null
printf 'screenshots:\n  dir: %s\n' "$E2E_TMP/no/such/dir" >"$XDG_CONFIG_HOME/capdash/config.yaml"
e2e_start 100 30 "${ENVS[@]}" --
e2e_wait 'Capital' 5 >/dev/null
e2e_keys x
check "x into a missing dir: the status line says why" e2e_wait_last "screenshot: .*no/such/dir"
e2e_keys q
e2e_exited 5 >/dev/null
rm -f "$XDG_CONFIG_HOME/capdash/config.yaml"

# 3. X stops a run (x no longer does)
e2e_start 140 42 "${ENVS[@]}" -- --yes --run -- "$T" proto 3000 40
check "run: started" e2e_wait_re 'running .*step [0-9,]+/3,000' 10
e2e_keys Tab
check "run pane's bar: X stop" e2e_wait_last 'X stop'
e2e_keys x
check "run: x takes a picture, not the run" e2e_wait_last 'screenshot: capdash-'
e2e_screen | grep -q 'Stop the run' && not_ok "run: x does not ask to stop" "asked" ||
	ok "run: x does not ask to stop"
e2e_keys X
check "run: X asks" e2e_wait 'Stop the run' 3
e2e_keys y
check "run: X stops it" e2e_wait_re 'stopped · ' 15
e2e_keys q
e2e_exited 5 >/dev/null
e2e_finish
