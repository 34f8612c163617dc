#!/bin/bash
# The log parser's speed (bar: >= 100 MB/s for logline + logparse) on a mixed
# corpus: every sample in tests/data/logs/ repeated to ~64 MB in a temporary
# directory, against a memchr line split of the same bytes (in bench_parse)
# and `wc -l` on the same file, both measured in the same run.
set -u
B=${CAPDASH_BUILD:-build}
BP="$B/bench/bench_parse"
SRC=${CAPDASH_SRC:-.}
[ -x "$BP" ] || { echo "parse: build first (make bench)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$SRC"/tests/data/logs/*.log >"$tmp/one"
for _ in 1 2 3 4 5 6 7 8; do cat "$tmp/one"; done >"$tmp/eight"
: >"$tmp/corpus"
while [ "$(stat -c %s "$tmp/corpus")" -lt 64000000 ]; do
	cat "$tmp/eight" "$tmp/eight" "$tmp/eight" "$tmp/eight" >>"$tmp/corpus"
done
cat "$tmp/corpus" >/dev/null # into the page cache
"$BP" "$tmp/corpus" || exit 1
# wc -l as a second reference: user+sys CPU seconds, best of 3.
best=
for _ in 1 2 3; do
	t=$( { TIMEFORMAT='%U %S'; time wc -l <"$tmp/corpus" >/dev/null; } 2>&1 | awk '{print $1 + $2}')
	best=$(awk -v a="${best:-1e9}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
done
awk -v s="$(stat -c %s "$tmp/corpus")" -v t="$best" 'BEGIN {
	if (t <= 0) t = 0.001
	printf "%-34s %9.0f MB/s  (CPU time, best of 3)\n", "reference: wc -l", s / 1e6 / t }'
