#!/bin/bash
# Dashboard responsiveness, measured on a pseudo-terminal by bench/ptybench.c:
# first frame after exec, one slider step (→) to frame written, bytes written
# per step, idle output and CPU, resident memory.  htop is measured the same
# way in the same run as the reference (installed from Debian if missing).
set -u
B=${CAPDASH_BUILD:-build}
PB="$B/bench/ptybench"
CAPDASH="$B/capdash"
[ -x "$PB" ] && [ -x "$CAPDASH" ] || { echo "ui: build first (make bench)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/c" XDG_STATE_HOME="$scratch/s" HOME="$scratch"
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8

get() { sed -n "s/^$1=//p" "$2"; }

"$PB" --cols 200 --rows 60 --steps 101 --idle 0 -- "$CAPDASH" >"$scratch/big" 2>&1
"$PB" --cols 120 --rows 40 --steps 101 --idle 10 -- "$CAPDASH" >"$scratch/std" 2>&1
# the same steps with the tornado chart (t) redrawn under each one
"$PB" --cols 120 --rows 40 --steps 101 --idle 0 --pre t -- "$CAPDASH" >"$scratch/tornado" 2>&1

if ! command -v htop >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq htop >/dev/null 2>&1
fi
if command -v htop >/dev/null; then
	"$PB" --cols 120 --rows 40 --steps 0 --idle 10 --quit q -- htop >"$scratch/htop" 2>&1
fi

ff=$(get first_frame_ms "$scratch/std"); step=$(get step_ms_median "$scratch/big")
bytes=$(get step_bytes_median "$scratch/std"); ib=$(get idle_bytes "$scratch/std")
tbytes=$(get step_bytes_median "$scratch/tornado")
icpu=$(get idle_cpu_pct "$scratch/std"); rss=$(get rss_kb "$scratch/std")
hff=$(get first_frame_ms "$scratch/htop" 2>/dev/null); hib=$(get idle_bytes "$scratch/htop" 2>/dev/null)
hrss=$(get rss_kb "$scratch/htop" 2>/dev/null)

verdict() { awk -v v="$1" -v bar="$2" 'BEGIN { print (v + 0 < bar + 0) ? "meets" : "MISSES" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }

printf '%-34s %12s %12s %10s %s\n' "figure" "capdash" "htop (ref)" "ratio" "bar"
printf '%-34s %12s %12s %10s %s\n' "first frame after exec (ms)" "$ff" "${hff:--}" "$(ratio "$ff" "$hff")" "< 15: $(verdict "$ff" 15)"
printf '%-34s %12s %12s %10s %s\n' "slider step → frame, 200×60 (ms)" "$step" "-" "-" "< 2 median: $(verdict "$step" 2)"
printf '%-34s %12s %12s %10s %s\n' "bytes per slider step, 120×40" "$bytes" "-" "-" "<= 600: $(verdict "$bytes" 601)"
printf '%-34s %12s %12s %10s %s\n' "bytes per step, tornado on (t)" "$tbytes" "-" "-" "<= 600: $(verdict "$tbytes" 601)"
printf '%-34s %12s %12s %10s %s\n' "idle bytes over 10 s" "$ib" "${hib:--}" "-" "0: $(verdict "$ib" 1)"
printf '%-34s %12s %12s %10s %s\n' "idle CPU over 10 s (%)" "$icpu" "-" "-" "~0: $(verdict "$icpu" 0.5)"
printf '%-34s %12s %12s %10s %s\n' "resident memory (KB)" "$rss" "${hrss:--}" "$(ratio "$rss" "$hrss")" "< 6144: $(verdict "$rss" 6144)"
