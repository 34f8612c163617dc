#!/bin/bash
# `capdash calc` wall time, spawn to exit (bar: < 5 ms median), against
# /bin/true run the same way in the same run as the reference: the ratio says
# how much of the figure is capdash's own work rather than fork+exec.
# bench/bench_exec.c does the timing; `make bench` builds it.
set -u
B=${CAPDASH_BUILD:-build}
BE="$B/bench/bench_exec"
CAPDASH="$B/capdash"
[ -x "$BE" ] && [ -x "$CAPDASH" ] || { echo "cli: build first (make bench)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/c" XDG_STATE_HOME="$scratch/s" HOME="$scratch"
export LC_ALL=C.UTF-8
N=${BENCH_CLI_RUNS:-300}
SEED_FILE="${CAPDASH_SRC:-.}/scenarios/seed-image-recognition.yaml"

measure() { # name, command...
	local name=$1
	shift
	"$BE" -n "$N" -w 20 -- "$@" >"$scratch/$name" || { echo "cli: $* failed"; exit 1; }
}
get() { sed -n "s/^$1=//p" "$scratch/$2"; }

measure ref /bin/true
measure calc "$CAPDASH" calc
measure file "$CAPDASH" calc "$SEED_FILE"
measure json "$CAPDASH" calc --format json --set gpus=8
measure sweep "$CAPDASH" sweep gpus=0:128:1
measure ref2 /bin/true

# The reference is the faster of its two measurements, taken before and after.
ref=$(awk -v a="$(get median_ms ref)" -v b="$(get median_ms ref2)" 'BEGIN { print (a < b) ? a : b }')
ratio() { awk -v a="$1" -v b="$ref" 'BEGIN { if (b + 0 > 0) printf "%.1f×", a / b; else print "-" }'; }
verdict() { awk -v v="$1" 'BEGIN { print (v + 0 < 5) ? "meets" : "MISSES" }'; }

printf '%-40s %10s %10s %8s %s\n' "figure ($N runs each, median)" "ms" "min ms" "vs true" "bar"
printf '%-40s %10s %10s %8s %s\n' "/bin/true (reference)" "$ref" "$(get min_ms ref)" "1.0×" "-"
row() { # label, file, bar?
	local m
	m=$(get median_ms "$2")
	printf '%-40s %10s %10s %8s %s\n' "$1" "$m" "$(get min_ms "$2")" "$(ratio "$m")" \
		"${3:+< 5 ms: $(verdict "$m")}"
}
row "capdash calc (built-in seed)" calc bar
row "capdash calc FILE (YAML parse)" file bar
row "capdash calc --format json --set gpus=8" json bar
row "capdash sweep gpus=0:128:1 (129 rows)" sweep
