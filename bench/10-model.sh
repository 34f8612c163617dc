#!/bin/bash
# The budget model's recompute time (target < 1 µs per budget_eval) against
# snprintf("%.2f") of a double measured in the same run, and the plan month
# by month (timeline_eval) at the largest input (240 months, 32 roles with
# start and end months, 32 cost lines, renting) as a ratio against
# budget_eval of that same input, also measured in the same run.  Builds nothing:
# `make bench` puts bench_model in $CAPDASH_BUILD/bench/.
set -u
B=${CAPDASH_BUILD:-build}
BM="$B/bench/bench_model"
[ -x "$BM" ] || { echo "model: build first (make bench)"; exit 1; }
"$BM"
