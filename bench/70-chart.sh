#!/bin/bash
# The loss chart on a long run: rendering a million points into 80×12, the
# bounded store the pane keeps, and the cost of one appended point, against
# memcpy of the same points measured in the same run.  Builds nothing:
# `make bench` puts bench_chart in $CAPDASH_BUILD/bench/.
set -u
B=${CAPDASH_BUILD:-build}
BC="$B/bench/bench_chart"
[ -x "$BC" ] || { echo "chart: build first (make bench)"; exit 1; }
"$BC"
