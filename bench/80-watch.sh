#!/bin/bash
# The dashboard watching a live run: a fake trainer printing 100 capdash
# progress lines a second (faketrain noisy: a noisy falling loss, every
# digit moving, an eval line every 1,000 steps) is started with `capdash run
# --detach`, then `capdash attach RUN` runs on a 120×40 pseudo-terminal
# (bench/watchbench.c) for 10 s after its first frame.  Figures: the
# dashboard's CPU (from /proc/PID/stat) and the bytes it writes to the
# terminal, against the bars (< 2% of a core, < 3 KB/s) and against
# references measured in the same run: the run's own supervisor over the
# same window, and `tail -f output.log` on the same kind of terminal.
set -u
B=${CAPDASH_BUILD:-build}
WB="$B/bench/watchbench"
CAPDASH="$B/capdash"
T="$B/tests/helpers/faketrain"
SECS=${WATCH_BENCH_SECS:-10}
[ -x "$WB" ] && [ -x "$CAPDASH" ] || { echo "watch: build first (make bench)"; exit 1; }
[ -x "$T" ] || { echo "watch: $T missing (make test-bins builds it)"; exit 1; }
scratch=$(mktemp -d)
pgid=""
cleanup() {
	[ -n "$pgid" ] && kill -TERM -- "-$pgid" 2>/dev/null
	sleep 0.3
	rm -rf "$scratch"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$scratch/c" XDG_STATE_HOME="$scratch/s" HOME="$scratch"
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8

# 100 lines/s: a 10 ms sleep between lines, for longer than the bench lasts
id=$("$CAPDASH" run --detach --name watch -- "$T" noisy 1000000 10 2>/dev/null)
dir="$scratch/s/capdash/runs/$id"
[ -n "$id" ] && [ -s "$dir/status" ] || { echo "watch: the run did not start"; exit 1; }
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$dir/status"; }
sup=$(field supervisor); pgid=$(field pgid)
sleep 1 # some history, as a real attach has

get() { sed -n "s/^$1=//p" "$2"; }
lines0=$(wc -l <"$dir/output.log")
"$WB" --cols 120 --rows 40 --settle 1 --secs "$SECS" --also "$sup" -- "$CAPDASH" attach "$id" >"$scratch/dash" 2>&1
lines1=$(wc -l <"$dir/output.log")
"$WB" --cols 120 --rows 40 --settle 1 --secs "$SECS" -- tail -n 40 -f "$dir/output.log" >"$scratch/tail" 2>&1

rate=$(awk -v a="$lines0" -v b="$lines1" -v s="$SECS" 'BEGIN { printf "%.0f", (b - a) / (s + 1) }')
cpu=$(get cpu_pct "$scratch/dash"); bps=$(get bytes_per_s "$scratch/dash")
scpu=$(get also_0_cpu_pct "$scratch/dash")
tcpu=$(get cpu_pct "$scratch/tail"); tbps=$(get bytes_per_s "$scratch/tail")
[ -n "$cpu" ] && [ -n "$bps" ] || { echo "watch: no figures"; cat "$scratch/dash"; exit 1; }

verdict() { awk -v v="$1" -v bar="$2" 'BEGIN { print (v + 0 < bar + 0) ? "meets" : "MISSES" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }

echo "run printing ~$rate lines/s, capdash attach at 120×40 for ${SECS} s after its first frame"
printf '%-30s %10s %16s %16s %s\n' "figure" "capdash" "supervisor (ref)" "tail -f (ref)" "bar"
printf '%-30s %10s %16s %16s %s\n' "CPU (% of a core)" "$cpu" "${scpu:--}" "${tcpu:--}" "< 2: $(verdict "$cpu" 2)"
printf '%-30s %10s %16s %16s %s\n' "bytes/s to the terminal" "$bps" "-" "${tbps:--}" "< 3072: $(verdict "$bps" 3072)"
printf '%-30s %10s %16s %16s\n' "capdash ÷ tail -f" "" "" "cpu $(ratio "$cpu" "$tcpu"), bytes $(ratio "$bps" "$tbps")"
