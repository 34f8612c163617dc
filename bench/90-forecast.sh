#!/bin/bash
# `capdash forecast` on a run with 1,000,000 progress points (bar: under 1 s
# end to end).  It reads only the tail of metrics.jsonl: blocks backwards
# from the end until 20 points with a throughput and the newest CPU/GPU
# sample are found.  References measured in the same run on the same file:
# loading the whole history (bench_forecast), `tail -n 100` and `wc -l`.
set -u
B=${CAPDASH_BUILD:-build}
BF="$B/bench/bench_forecast"
CD="$B/capdash"
N=${FORECAST_BENCH_POINTS:-1000000}
[ -x "$BF" ] && [ -x "$CD" ] || { echo "forecast: build first (make bench)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run="$tmp/state/capdash/runs/20261202-120000-bench"
mkdir -p "$run"
echo '{"argv":["python","train.py"]}' >"$run/command"
# A point per step, a CPU record and two GPU records every 500 points (the
# supervisor's sample every 2 s at 250 steps/s).
awk -v n="$N" 'BEGIN {
	for (i = 1; i <= n; i++) {
		t = 1764390000 + i * 0.004
		printf "{\"v\":1,\"t\":%.3f,\"type\":\"point\",\"step\":%d,\"total\":%d,\"epoch\":%d,\"epochs\":10,\"loss\":%.4f,\"throughput\":%.1f,\"rate_unit\":\"samples/s\",\"format\":\"capdash\"}\n", t, i, n, 1 + i * 10 / n, 2 / (1 + i / 1000), 1000 + (i % 7)
		if (i % 500 == 0) {
			printf "{\"v\":1,\"t\":%.3f,\"type\":\"cpu\",\"cpu_pct\":101.5,\"rss_bytes\":64000000,\"nproc\":3,\"cpu_ms\":%d}\n", t, i
			for (g = 0; g < 2; g++)
				printf "{\"v\":1,\"t\":%.3f,\"type\":\"gpu\",\"index\":%d,\"name\":\"NVIDIA H200\",\"util_pct\":97,\"mem_util_pct\":40}\n", t, g
		}
	}
}' >"$run/metrics.jsonl"
f="$run/metrics.jsonl"
cat "$f" >/dev/null # into the page cache
echo "metrics.jsonl: $N points, $(stat -c %s "$f") bytes"
"$BF" "$run" || exit 1
# wall seconds of a command, best of 3
best() {
	local b= t
	for _ in 1 2 3; do
		t=$( { TIMEFORMAT='%R'; time "$@" >/dev/null 2>&1; } 2>&1)
		b=$(awk -v a="${b:-1e9}" -v c="$t" 'BEGIN { print (c < a ? c : a) }')
	done
	echo "$b"
}
tf=$(XDG_STATE_HOME="$tmp/state" best "$CD" forecast --run "$run" --epochs 10 --format json)
tt=$(best tail -n 100 "$f")
tw=$(best wc -l "$f")
XDG_STATE_HOME="$tmp/state" "$CD" forecast --run "$run" --format json >"$tmp/out" 2>&1 ||
	{ cat "$tmp/out"; exit 1; }
awk -v f="$tf" -v t="$tt" -v w="$tw" 'BEGIN {
	printf "%-34s %10.3f s   (wall, best of 3; bar: < 1 s) %s\n", "capdash forecast (whole command)", f, (f < 1 ? "ok" : "TOO SLOW")
	printf "%-34s %10.3f s   forecast = %.1fx\n", "reference: tail -n 100", t, f / (t > 0.001 ? t : 0.001)
	printf "%-34s %10.3f s   forecast = %.2fx\n", "reference: wc -l (reads it all)", w, f / (w > 0.001 ? w : 0.001)
	if (f >= 1) exit 1
}'
