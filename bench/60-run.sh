#!/bin/bash
# Training runs: the supervisor's throughput on a child printing lines as
# fast as it can (bar: >= 100,000 lines/s with no point lost), against
# `child | cat > file` measured in the same run, plus how fast a re-attach
# loads the whole history.  `make bench` builds bench_run and faketrain.
set -u
B=${CAPDASH_BUILD:-build}
BR="$B/bench/bench_run"
[ -x "$BR" ] || { echo "run: build first (make bench)"; exit 1; }
[ -x "$B/tests/helpers/faketrain" ] || { echo "run: $B/tests/helpers/faketrain missing (make bench builds it)"; exit 1; }
"$BR" "${RUN_BENCH_LINES:-1000000}"
