#!/bin/bash
# A 120x40 PNG picture of the dashboard (bar: < 100 ms).  Spawn to exit:
# `capdash shot --out x.png` against `capdash calc` in the same run (the
# ratio is what drawing the frame and the picture add to starting capdash).
# In process (bench/bench_shot.c): shot_write of a 120x40 screen to PNG
# (render + encode + atomic write), against cairo painting and encoding a
# blank PNG of the same size (the encoder's share).
set -u
B=${CAPDASH_BUILD:-build}
BE="$B/bench/bench_exec"
BS="$B/bench/bench_shot"
CAPDASH="$B/capdash"
[ -x "$BE" ] && [ -x "$BS" ] && [ -x "$CAPDASH" ] || { echo "shot: build first (make bench)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/c" XDG_STATE_HOME="$scratch/s" HOME="$scratch"
export LC_ALL=C.UTF-8
N=${BENCH_SHOT_RUNS:-30}

get() { sed -n "s/^$1=//p" "$scratch/$2"; }
"$BE" -n "$N" -w 3 -- "$CAPDASH" calc >"$scratch/calc" || { echo "shot: calc failed"; exit 1; }
"$BE" -n "$N" -w 3 -- "$CAPDASH" shot --out "$scratch/x.png" >"$scratch/png" ||
	{ echo "shot: capdash shot failed"; exit 1; }
"$BE" -n "$N" -w 3 -- "$CAPDASH" shot --out "$scratch/x.svg" >"$scratch/svg" ||
	{ echo "shot: capdash shot svg failed"; exit 1; }
"$CAPDASH" shot --out "$scratch/screen.txt" || exit 1
"$BS" "$scratch/screen.txt" "$scratch" >"$scratch/inproc" || exit 1

calc=$(get median_ms calc)
verdict() { awk -v v="$1" 'BEGIN { print (v + 0 < 100) ? "meets" : "MISSES" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1f×", a / b; else print "-" }'; }
printf '%-46s %10s %10s %s\n' "figure (median)" "ms" "vs ref" "bar"
printf '%-46s %10s %10s %s\n' "capdash calc, spawn to exit (reference)" "$calc" "1.0×" "-"
png=$(get median_ms png)
printf '%-46s %10s %10s %s\n' "capdash shot --out x.png (120x40), spawn" "$png" "$(ratio "$png" "$calc")" "< 100 ms: $(verdict "$png")"
svg=$(get median_ms svg)
printf '%-46s %10s %10s %s\n' "capdash shot --out x.svg (120x40), spawn" "$svg" "$(ratio "$svg" "$calc")" "-"
blank=$(get blank_ms inproc)
printf '%-46s %10s %10s %s\n' "cairo: blank 1080x720 PNG (reference)" "$blank" "1.0×" "-"
inp=$(get shot_ms inproc)
printf '%-46s %10s %10s %s\n' "shot_write 120x40 PNG, in process (x's cost)" "$inp" "$(ratio "$inp" "$blank")" "< 100 ms: $(verdict "$inp")"
[ "$(verdict "$png")" = meets ] && [ "$(verdict "$inp")" = meets ]
