#!/bin/bash
# Watching Slurm runs: 20 jobs on a one-node test cluster
# (tests/slurm/cluster), each printing a protocol line a second, each
# submitted with `capdash run --detach --on slurm` at the default poll
# interval (5 s).  Once all 20 are RUNNING, the CPU of their 20 watchers
# (their own from /proc/PID/task/*/schedstat, and the squeue/scontrol they
# start from cutime+cstime in /proc/PID/stat) is measured over a window
# against references measured in the same run over windows as long: a
# shell loop that only runs the
# watchers' own squeue command once per interval (what one shared poll
# costs, and what any watcher must pay), and one that runs it 20 times per
# interval (a squeue per watched job); and, for scale, the supervisors of
# the same 20 commands run as local runs.  The bar (< 1% of a core) is for
# the total, squeue included; the split (watchers, their commands) and
# capdash minus the squeue-only loop are shown beside it (squeue alone
# costs 20-40 ms of CPU a call on a small VM).
# slurmctld's CPU in each window says what the cluster pays.
# Needs root and Slurm (make deps); says so and skips otherwise.
set -u
hz=$(getconf CLK_TCK)
B=${CAPDASH_BUILD:-build}
SRC=${CAPDASH_SRC:-$PWD}
CAPDASH="$B/capdash"
T="$B/tests/helpers/faketrain"
SECS=${SLURM_BENCH_SECS:-30}
N=${SLURM_BENCH_RUNS:-20}
LINE_MS=${SLURM_BENCH_LINE_MS:-1000} # 0: the jobs print one line, then nothing
job="proto 1000000 $LINE_MS"
[ "$LINE_MS" -eq 0 ] && job="stall 1 10"
POLL_S=5 # capdash's default; CAPDASH_SLURM_POLL_MS is unset below
PATH=$PATH:/usr/sbin:/sbin
[ -x "$CAPDASH" ] || { echo "slurm: build first (make bench)"; exit 1; }
[ -x "$T" ] || { echo "slurm: $T missing (make test-bins builds it)"; exit 1; }
if [ "$(id -u)" -ne 0 ]; then
	echo "slurm: skipped: the test cluster needs root"
	exit 0
fi
for c in sbatch squeue slurmctld slurmd munged; do
	command -v "$c" >/dev/null || { echo "slurm: skipped: $c not installed (make deps)"; exit 0; }
done
unset CAPDASH_SLURM_POLL_MS

scratch=$(mktemp -d /tmp/capdash-slurmbench.XXXXXX)
ref_pid=""
cleanup() {
	trap '' INT TERM # the cluster's stop must not be cut short
	[ -n "$ref_pid" ] && kill -KILL "$ref_pid" 2>/dev/null
	. "$SRC/tests/e2e/killruns.inc"
	e2e_kill_runs_under "$scratch/s"
	"$SRC/tests/slurm/cluster" stop "$scratch/cluster" >/dev/null
	rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export XDG_CONFIG_HOME="$scratch/c" XDG_STATE_HOME="$scratch/s" HOME="$scratch"
export CAPDASH_NVML_LIB=/nonexistent
out=$("$SRC/tests/slurm/cluster" start "$scratch/cluster" 2>&1) || { echo "slurm: cluster: $out"; exit 1; }
eval "$out"

for i in $(seq "$N"); do
	"$CAPDASH" run --detach --on slurm --name "w$i" -- "$T" $job </dev/null >/dev/null 2>&1 ||
		{ echo "slurm: submitting run $i failed"; exit 1; }
done
runs="$XDG_STATE_HOME/capdash/runs"
running() { grep -l '"slurm":{[^}]*"state":"RUNNING"' "$runs"/*/status 2>/dev/null | wc -l; }
for _ in $(seq 300); do
	[ "$(running)" -eq "$N" ] && break
	sleep 0.1
done
[ "$(running)" -eq "$N" ] || { echo "slurm: only $(running) of $N jobs RUNNING after 30 s"; squeue; exit 1; }
# one whole interval more, so every watcher has read its allocation
sleep $((POLL_S + 1))
pids=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$runs"/*/status | sort -u)
[ "$(wc -w <<<"$pids")" -eq "$N" ] || { echo "slurm: expected $N watchers, found: $pids"; exit 1; }

# CPU time of processes in microseconds: "own children".  Own time is the
# scheduler's exact count (/proc/PID/schedstat, ns on a CPU): utime and
# stime in /proc/PID/stat come in 10 ms ticks, too coarse for a watcher
# that runs ~100 µs per wake.  Children (squeue, scontrol: 20-40 ms each)
# are their reaped cutime+cstime, in ticks.
ticks() {
	local p t own=0 kids=0 f ns
	for p in "$@"; do
		f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
		for t in /proc/"$p"/task/*/schedstat; do
			read -r ns _ <"$t" 2>/dev/null && own=$((own + ns / 1000))
		done
		f=${f##*) }
		set -- $f
		kids=$((kids + (${14} + ${15}) * 1000000 / hz))
	done
	echo "$own $kids"
}
# The same from /proc/PID/stat alone (utime+stime, cutime+cstime), for
# slurmctld, whose short-lived RPC threads schedstat would miss.
stat_ticks() {
	local f
	f=$(cat "/proc/$1/stat" 2>/dev/null) || { echo "0 0"; return; }
	f=${f##*) }
	set -- $f
	echo "$(((${12} + ${13}) * 1000000 / hz)) $(((${14} + ${15}) * 1000000 / hz))"
}
ctld=$(cat "$scratch/cluster/run/slurmctld.pid")
pct() { awk -v t="$1" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / 1e6 / s }'; } # µs in s seconds
secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { print b - a }'; }

# capdash's 20 watchers
read -r own0 kids0 <<<"$(ticks $pids)"
read -r c0 cc0 <<<"$(stat_ticks "$ctld")"
t0=$(date +%s.%N)
sleep "$SECS"
read -r own1 kids1 <<<"$(ticks $pids)"
read -r c1 cc1 <<<"$(stat_ticks "$ctld")"
win=$(secs_since "$t0")
alive=$(for p in $pids; do [ -d "/proc/$p" ] && echo "$p"; done | wc -l)
cap=$(pct $((own1 + kids1 - own0 - kids0)) "$win")
capown=$(pct $((own1 - own0)) "$win")
capkids=$(pct $((kids1 - kids0)) "$win")
capctld=$(pct $((c1 + cc1 - c0 - cc0)) "$win")

# References: only squeue, the watchers' own command, at the same rate.
fmt=$(sed -n 's/^#define SLURM_SQUEUE_FORMAT "\(.*\)"$/\1/p' "$SRC/src/run/run_int.h")
fmt=${fmt:-%i|%T|%r|%N|%D|%C|%V|%S|%e|%l|%b}
mkfifo "$scratch/fifo"
ref() { # $1 = squeue runs per interval; prints "loop% slurmctld%"
	local per=$1 a0 a1 b0 b1 c0 c1 cc0 cc1 t0 win
	# nothing but squeue: the uid asked once, the wait a bash builtin
	# (read -t on a FIFO nobody writes) rather than a sleep process
	bash -c 'uid=$(id -u); while :; do for ((i = 0; i < '"$per"'; i++)); do squeue -h -t all -u "$uid" -o "$0" >/dev/null; done; read -rt '"$POLL_S"' <>"$1"; done' "$fmt" "$scratch/fifo" &
	ref_pid=$!
	sleep 0.2
	read -r a0 b0 <<<"$(ticks "$ref_pid")"
	read -r c0 cc0 <<<"$(stat_ticks "$ctld")"
	t0=$(date +%s.%N)
	sleep "$SECS"
	read -r a1 b1 <<<"$(ticks "$ref_pid")"
	read -r c1 cc1 <<<"$(stat_ticks "$ctld")"
	win=$(secs_since "$t0")
	kill -KILL "$ref_pid"
	wait "$ref_pid" 2>/dev/null
	ref_pid=""
	echo "$(pct $((a1 + b1 - a0 - b0)) "$win") $(pct $((c1 + cc1 - c0 - cc0)) "$win")"
}
read -r one onectld <<<"$(ref 1)"
read -r many manyctld <<<"$(ref "$N")"

# And what the same 20 commands cost as local runs: their supervisors
# (which also sample the command's CPU and memory) at the same line rate.
# The Slurm jobs are cancelled first, so the node is not shared.
scancel --user="$(id -u)" 2>/dev/null
for i in $(seq "$N"); do
	"$CAPDASH" run --detach --name "l$i" -- "$T" $job </dev/null >/dev/null 2>&1 ||
		{ echo "slurm: starting local run $i failed"; exit 1; }
done
sleep 3
lpids=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$runs"/*-l[0-9]*/status | sort -u)
read -r own0 kids0 <<<"$(ticks $lpids)"
t0=$(date +%s.%N)
sleep "$SECS"
read -r own1 kids1 <<<"$(ticks $lpids)"
loc=$(pct $((own1 + kids1 - own0 - kids0)) "$(secs_since "$t0")")

verdict() { awk -v v="$1" -v bar="$2" 'BEGIN { print (v + 0 < bar + 0) ? "meets" : "MISSES" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f×", a / b; else print "-" }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
what="one line a second each"
[ "$LINE_MS" -eq 0 ] && what="silent"
[ "$LINE_MS" -gt 0 ] && [ "$LINE_MS" -ne 1000 ] && what="a line every $LINE_MS ms each"

echo "$N Slurm jobs RUNNING ($what), watched at the default ${POLL_S} s poll; ${SECS} s windows"
printf '%-38s %8s %15s %17s %s\n' "CPU (% of a core)" "capdash" "1 squeue/poll" "$N squeue/poll" "bar"
printf '%-38s %8s %15s %17s %s\n' "all $N watchers, with their squeue" "$cap" "$one" "$many" "< 1: $(verdict "$cap" 1)"
printf '%-38s %8s\n' "  the watchers themselves" "$capown"
printf '%-38s %8s\n' "  the commands they ran (squeue)" "$capkids"
over=$(minus "$cap" "$one")
printf '%-38s %8s\n' "capdash minus squeue-only" "$over"
printf '%-38s %8s\n' "the same $N commands as local runs" "$loc"
printf '%-38s %8s %15s %17s\n' "slurmctld" "$capctld" "$onectld" "$manyctld"
printf '%-38s %8s %15s %17s\n' "capdash ÷ reference" "" "$(ratio "$cap" "$one")" "$(ratio "$cap" "$many")"
[ "$alive" -eq "$N" ] || echo "note: only $alive of $N watchers were alive at the end of the window"
exit 0
