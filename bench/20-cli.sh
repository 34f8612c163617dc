#!/bin/bash
# `capdash calc` wall time, spawn to exit (bar: < 5 ms median), against
# /bin/true run the same way in the same run as the reference: the ratio says
# how much of the figure is capdash's own work rather than fork+exec.
# `capdash timeline` on the largest plan the ranges allow (240 months, 32
# roles, 32 other cost lines, rented compute, D spread) against `capdash
# calc` on the same file in the same run: what the months cost on top of F.
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

# The largest plan: every list full, every month of the horizon used.
BIG="$scratch/big.yaml"
{
	echo "name: largest plan"
	echo "compute: {gpus: 1000, gpu_unit_cost: 30000, gpu_hourly_cost: 2.49, mode: rent,"
	echo "          rent_from: 3, rent_to: 240, hours_per_month: 700, utilisation: 0.85}"
	echo "data: {samples: 1000000000, label_cost: 0.000002, schedule: spread, from: 1, to: 240}"
	echo "people:"
	echo "  months: 240"
	echo "  roles:"
	for i in $(seq 1 32); do
		echo "    - {name: Role $i, count: $i, monthly_salary: $((8000 + 500 * i)),"
		echo "       start_month: $((1 + (i * 7) % 60)), end_month: $((170 + i * 2))}"
	done
	echo "other_costs:"
	for i in $(seq 1 32); do
		case $((i % 4)) in
		0) echo "  - {name: Line $i, monthly: $((1000 * i)), from: $i, to: $((200 + i))}" ;;
		1) echo "  - {name: Line $i, once: $((5000 * i)), month: $((i * 7))}" ;;
		2) echo "  - {name: Line $i, monthly: -$((100 * i)), allocation: outside}" ;;
		3) echo "  - {name: Line $i, once: $((700 * i)), month: $i, allocation: outside}" ;;
		esac
	done
	echo "capital: {alpha: 0.3, fixed_costs: 100000, raised: 500000000, cash_at_start: 1000000}"
} >"$BIG"
"$CAPDASH" timeline "$BIG" --format csv | awk 'END { if (NR != 241) { print "cli: the largest plan has " NR - 1 " months, not 240"; exit 1 } }' || exit 1
measure bigcalc "$CAPDASH" calc "$BIG"
measure bigtl "$CAPDASH" timeline "$BIG"
measure bigjson "$CAPDASH" timeline "$BIG" --format json
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
row "capdash calc, largest plan" bigcalc
row "capdash timeline, largest plan (240 rows)" bigtl
row "capdash timeline --format json, largest" bigjson
printf 'timeline / calc on the largest plan: %s (text), %s (json)\n' \
	"$(awk -v a="$(get median_ms bigtl)" -v b="$(get median_ms bigcalc)" 'BEGIN { printf "%.2f×", a / b }')" \
	"$(awk -v a="$(get median_ms bigjson)" -v b="$(get median_ms bigcalc)" 'BEGIN { printf "%.2f×", a / b }')"
