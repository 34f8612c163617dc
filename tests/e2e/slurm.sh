#!/bin/bash
# `capdash run --on slurm` against a real Slurm: a one-node cluster on this
# machine (tests/slurm/cluster: slurmctld, slurmd and munged of its own, two
# CPUs, two fake GPUs) started once, every check below, stopped on exit.
# Checks, as a person would see them through the CLI (`capdash run`,
# `runs`, `attach`) and the run directory:
#   - known loss lines land in metrics.jsonl exactly as a local run's do;
#   - argv with spaces, quotes, $ and newlines reaches the job unchanged;
#   - a job Slurm cannot place shows PENDING with Slurm's reason (in
#     `runs`, `attach --summary` and the dashboard's run pane), paused while
#     an operator holds it, then CANCELLED when cancelled with scancel;
#   - --gpus-per-node 2 is priced as 2 GPUs, for the time Slurm ran it;
#   - Ctrl-C on `capdash run` (capdash's stop: scancel) ends CANCELLED with
#     the output kept; so does x in the run pane; p there holds and releases
#     a pending job; R resubmits a finished one in the same directory;
#   - exit 3 ends FAILED with exit 3, and `capdash run` exits 3;
#   - --time 1 on a longer job ends TIMEOUT (Slurm checks limits every 30 s,
#     so this takes 60-90 s; the other checks run meanwhile);
#   - capdash and its watcher killed with SIGKILL: `capdash attach` re-attaches
#     to the still-running job and no point is lost or doubled;
#   - on a second, two-node cluster (CLUSTER_NODES=2: two slurmd on this
#     machine): --nodes 2 --gpus-per-node 2 is priced as 4 GPUs, and of the
#     two ranks' lines (srun --label) the points are rank 0's.
# Skipped (and only then) when not root or Slurm is not installed: the
# cluster needs both, and `make deps` installs Slurm.
set -u
B=${CAPDASH_BUILD:-$PWD/build}
C="$B/capdash"
T="$B/tests/helpers/faketrain"
SRC=${CAPDASH_SRC:-$PWD}
PATH=$PATH:/usr/sbin:/sbin

if [ "$(id -u)" -ne 0 ]; then
	echo "ok 1 # skip Slurm e2e: not root (tests/slurm/cluster must start slurmd as root)"
	exit 0
fi
for c in sbatch squeue scontrol scancel sinfo slurmctld slurmd munged; do
	if ! command -v "$c" >/dev/null; then
		echo "ok 1 # skip Slurm e2e: $c not installed (make deps installs slurmctld slurmd slurm-client munge)"
		exit 0
	fi
done

tmp=$(mktemp -d "${CAPDASH_SLURM_PREFIX:-/tmp/capdash-slurm.}XXXXXX")
cl="$tmp/cluster" cl2="$tmp/cluster2" tsock=capdash-slurm-$$
export XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
export CAPDASH_NVML_LIB=/nonexistent
unset COLUMNS
runs="$XDG_STATE_HOME/capdash/runs"
. "$(dirname "$0")/killruns.inc"
cleanup() {
	# ignored here and so in the commands below: a second signal (a
	# timeout's, Ctrl-C again) must not cut the cluster's stop short
	trap '' INT TERM
	trap - EXIT
	e2e_kill_runs_under "$XDG_STATE_HOME" "$tmp/state2"
	[ -n "${fg_pid:-}" ] && kill -KILL "$fg_pid" 2>/dev/null
	[ -n "${adopt_pid:-}" ] && kill -KILL "$adopt_pid" 2>/dev/null
	tmux -L "$tsock" kill-server 2>/dev/null
	"$SRC/tests/slurm/cluster" stop "$cl" || echo "not ok cluster stop: something is left running"
	"$SRC/tests/slurm/cluster" stop "$cl2" || echo "not ok cluster stop (two nodes): something is left running"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail=0
ok() { echo "ok $1"; }
not_ok() {
	echo "not ok $1: $2"
	fail=1
}

t0=$(date +%s)
if ! out=$("$SRC/tests/slurm/cluster" start "$cl" 2>&1); then
	not_ok "cluster start" "$out"
	exit 1
fi
eval "$out"
ok "a one-node cluster is up ($(sinfo -h -o '%D node, %c CPUs, %G, %t'))"
if ! out2=$(CLUSTER_NODES=2 "$SRC/tests/slurm/cluster" start "$cl2" 2>&1); then
	not_ok "two-node cluster start" "$out2"
	exit 1
fi

# The run directory of run NAME (runs are named on the command line).
rdir() { ls -d "$runs"/*-"$1" 2>/dev/null | head -1; }
# A field of the status's "slurm" object: slurm_field DIR KEY.
slurm_field() {
	sed -n "s/.*\"slurm\":{.*\"$2\":\\(\"[^\"]*\"\\|[-0-9]*\\).*/\\1/p" "$1/status" 2>/dev/null | tr -d '"'
}
# wait_until SECONDS COMMAND...: poll every 0.2 s until the command succeeds.
wait_until() {
	local limit=$1 i=0
	shift
	while [ "$i" -lt $((limit * 5)) ]; do
		"$@" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
state_is() { [ "$(slurm_field "$(rdir "$1")" state)" = "$2" ]; }
ended() { grep -q '"ended":true' "$(rdir "$1")/status" 2>/dev/null; }
points() { grep -c '"type":"point"' "$(rdir "$1")/metrics.jsonl" 2>/dev/null; }
has_points() { [ "$(points "$1")" -ge "$2" ] 2>/dev/null; }
# The points of a metrics.jsonl without their time stamps (all else must be
# byte for byte a local run's).
points_of() { grep '"type":"point"' "$1/metrics.jsonl" | sed 's/"t":[0-9.]*,//'; }
sub() { "$C" run --detach --on slurm --poll 1 "$@" </dev/null 2>"$tmp/sub.err"; }

# The long checks first, so they run while the short ones do.
sub --time 1 --name tlimit -- "$T" stall 3 100 >/dev/null ||
	not_ok "submit --time 1" "$(cat "$tmp/sub.err")"
t_submit=$(date +%s)
sub --cpus-per-task 4 --name pend -- "$T" proto 5 >/dev/null ||
	not_ok "submit --cpus-per-task 4" "$(cat "$tmp/sub.err")"
# capdash in the foreground, to be killed with its watcher later on
setsid "$C" run --on slurm --poll 1 --name adopt -- "$T" proto 900 100 </dev/null >/dev/null 2>&1 &
adopt_pid=$!

# Known loss lines: the same points as a local run of the same command.
"$C" run --name local20 -- "$T" proto 20 </dev/null >/dev/null 2>&1
"$C" run --name localfmt -- "$T" formats </dev/null >/dev/null 2>&1
"$C" run --on slurm --poll 1 --name slurm20 -- "$T" proto 20 </dev/null >"$tmp/s20.out" 2>&1
rc20=$?
"$C" run --on slurm --poll 1 --name slurmfmt -- "$T" formats </dev/null >/dev/null 2>&1
a=$(points_of "$(rdir local20)")
b=$(points_of "$(rdir slurm20)")
[ $rc20 -eq 0 ] && [ -n "$a" ] && [ "$(wc -l <<<"$a")" -eq 20 ] && [ "$a" = "$b" ] &&
	ok "20 protocol lines: metrics.jsonl holds the same 20 points as a local run's" ||
	not_ok "slurm metrics = local metrics" "rc=$rc20 $(cat "$tmp/s20.out") local: $a slurm: $b"
a=$(points_of "$(rdir localfmt)")
b=$(points_of "$(rdir slurmfmt)")
[ -n "$a" ] && [ "$a" = "$b" ] &&
	ok "lines in other trainers' formats: the same points as a local run's" ||
	not_ok "formats" "$(diff <(echo "$a") <(echo "$b"))"
d=$(rdir slurm20)
state_is slurm20 COMPLETED && grep -q '"state":"finished"' "$d/status" &&
	[ "$(slurm_field "$d" job_id)" -gt 0 ] 2>/dev/null &&
	ok "status: finished, slurm.state COMPLETED, job id $(slurm_field "$d" job_id)" ||
	not_ok "slurm20 status" "$(cat "$d/status")"
grep -q "slurm20 .*COMPLETED" <<<"$("$C" runs)" && grep -q "local20 *finished" <<<"$("$C" runs)" &&
	ok "capdash runs lists the Slurm run beside the local ones" || not_ok "runs" "$("$C" runs)"

# argv through job.sh: what the job's program receives is what was typed.
args=('a b' "it's" 'say "hi"' '$HOME and $(id -u) and `id`' $'two\nlines' 'back\slash' '' '*' ';|&<>')
"$C" run --on slurm --poll 1 --name argv -- printf '<%s>\n' "${args[@]}" </dev/null >/dev/null 2>&1
printf '<%s>\n' "${args[@]}" >"$tmp/argv.want"
if cmp -s "$tmp/argv.want" "$(rdir argv)/output.log"; then
	ok "argv with spaces, quotes, \$, \`, newlines and an empty word reaches the job unchanged"
else
	not_ok "argv" "$(diff "$tmp/argv.want" "$(rdir argv)/output.log"; cat "$(rdir argv)/job.sh")"
fi

# PENDING with Slurm's reason: 4 CPUs per task on a 2-CPU node.
wait_until 10 state_is pend PENDING
d=$(rdir pend)
line=$("$C" runs | grep -- '-pend ')
[ "$(slurm_field "$d" state)" = PENDING ] && [ "$(slurm_field "$d" reason)" = PartitionConfig ] &&
	grep -q PENDING <<<"$line" && grep -q PartitionConfig <<<"$line" &&
	ok "a job Slurm cannot place: PENDING (PartitionConfig) in status and in capdash runs" ||
	not_ok "pending" "$line $(cat "$d/status")"
out=$("$C" attach --summary pend </dev/null 2>&1)
grep -q 'PENDING' <<<"$out" && grep -q 'PartitionConfig' <<<"$out" &&
	ok "attach --summary shows PENDING and the reason" || not_ok "pending summary" "$out"
# The dashboard's run pane says the same: capdash attach in a private tmux.
# pane_open RUN: capdash attach RUN at 120x40 in a private tmux server,
# focus on the run pane; pane_wait TEXT [SECONDS]: until the screen has it
# (the screen is then in $tmp/pane); pane_close.
pane_open() {
	tmux -L "$tsock" -f /dev/null new-session -d -x 120 -y 40 \
		"env TERM=screen-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 '$C' attach '$1'; sleep 60"
	pane_wait "┌ Run: " && tmux -L "$tsock" send-keys -t 0 Tab
}
pane_wait() {
	local i
	for i in $(seq $((${2:-10} * 5))); do
		tmux -L "$tsock" capture-pane -p -t 0 >"$tmp/pane" 2>/dev/null
		grep -qF -- "$1" "$tmp/pane" && return 0
		sleep 0.2
	done
	return 1
}
pane_close() { tmux -L "$tsock" kill-server 2>/dev/null; }
pane_has() { # RUN TEXT
	pane_open "$1"
	pane_wait "$2"
	local rc=$?
	pane_close
	return $rc
}
jid=$(slurm_field "$d" job_id)
pane_has pend "Slurm job $jid PENDING (PartitionConfig)" &&
	ok "the run pane: Slurm job $jid PENDING (PartitionConfig)" || not_ok "pane pending" "$(cat "$tmp/pane")"
jid=$(slurm_field "$(rdir tlimit)" job_id)
pane_has tlimit "Slurm job $jid RUNNING on localhost · " && grep -qE "RUNNING on localhost · ([0-9]+m)?[0-9]+s left" "$tmp/pane" &&
	ok "the run pane: Slurm job $jid RUNNING on localhost, the time left of its 1-minute limit" ||
	not_ok "pane running" "$(cat "$tmp/pane")"

# held by an operator: paused, with Slurm's reason; released: pending again
pst() { grep -q "\"state\":\"$2\"" "$(rdir "$1")/status"; }
scontrol hold "$(slurm_field "$d" job_id)" 2>/dev/null # it says the partition will not fit it, and holds it
wait_until 10 pst pend paused
[ "$(slurm_field "$d" reason)" = JobHeldAdmin ] && pst pend paused &&
	grep -q JobHeldAdmin <<<"$("$C" runs | grep -- '-pend ')" &&
	ok "scontrol hold: paused, reason JobHeldAdmin in status and capdash runs" ||
	not_ok "hold" "$("$C" runs | grep -- '-pend ') $(cat "$d/status")"
scontrol release "$(slurm_field "$d" job_id)" 2>/dev/null
wait_until 10 pst pend pending
pst pend pending && [ "$(slurm_field "$d" reason)" = PartitionConfig ] &&
	ok "scontrol release: pending again, reason PartitionConfig" || not_ok "release" "$(cat "$d/status")"
# p in the run pane holds the pending job (pause), p again releases it.
pane_open pend
tmux -L "$tsock" send-keys -t 0 p
pane_wait "PENDING (JobHeld" && pst pend paused &&
	ok "p in the run pane holds the pending job: $(grep -o 'PENDING (JobHeld[A-Za-z]*)' "$tmp/pane")" ||
	not_ok "pane p" "$(cat "$tmp/pane"; cat "$d/status")"
tmux -L "$tsock" send-keys -t 0 p
pane_wait "PENDING (PartitionConfig)" && wait_until 5 pst pend pending &&
	ok "p again releases it: pending (PartitionConfig)" || not_ok "pane p again" "$(cat "$tmp/pane")"
pane_close
scancel "$(slurm_field "$d" job_id)"
wait_until 10 ended pend
[ "$(slurm_field "$d" state)" = CANCELLED ] && ! grep -q '"state":"running"' "$d/status" &&
	ok "scancel of the pending job: CANCELLED, ended" || not_ok "pending cancelled" "$(cat "$d/status")"

# Price: --gpus-per-node 2 at $900/h a GPU is $1,800/h, for Slurm's run time.
sed 's/^\( *gpu_hourly_cost:\).*/\1 900/' "$SRC/scenarios/seed-image-recognition.yaml" >"$tmp/price.yaml"
out=$("$C" run --on slurm --poll 1 --gpus-per-node 2 --scenario "$tmp/price.yaml" --name gpus \
	-- "$T" proto 50 100 </dev/null 2>&1)
d=$(rdir gpus)
grep -q '\$1,800.00/h' <<<"$out" && [ "$(slurm_field "$d" gpus)" = 2 ] &&
	ok "--gpus-per-node 2: allocated gpus 2, burning \$1,800.00/h at \$900 a GPU-hour" ||
	not_ok "gpus price" "$out $(cat "$d/status")"
run_ms=$(($(slurm_field "$d" end_ms) - $(slurm_field "$d" start_ms)))
want=$(awk -v ms="$run_ms" 'BEGIN { printf "$%.2f spent", 2 * 900 * ms / 3600000 }')
sum=$("$C" attach --summary gpus </dev/null 2>&1)
grep -qF "$want" <<<"$sum" &&
	ok "spent is 2 GPUs x \$900/h x Slurm's run time ($((run_ms / 1000)) s): $want" ||
	not_ok "gpus spent" "want '$want': $sum"
out=$("$C" run --on slurm --poll 1 --scenario "$tmp/price.yaml" --name nogpus -- "$T" proto 3 </dev/null 2>&1)
d=$(rdir nogpus)
[ "$(slurm_field "$d" gpus)" = 0 ] && grep -q '\$0.00 spent' <<<"$out" &&
	ok "a job without GPUs costs \$0.00 at the same prices" || not_ok "no gpus" "$out"

# exit 3: FAILED with exit 3, and capdash run says so by its own status.
"$C" run --on slurm --poll 1 --name ex3 -- "$T" exit3 </dev/null >"$tmp/ex3.out" 2>&1
rc=$?
d=$(rdir ex3)
[ "$(slurm_field "$d" state)" = FAILED ] && [ "$(slurm_field "$d" exit_code)" = 3 ] &&
	grep -q '"state":"failed"' "$d/status" && grep -q 'FAILED, exit code 3' "$tmp/ex3.out" &&
	ok "a job exiting 3: FAILED, exit code 3 in status and in capdash run's summary" ||
	not_ok "exit 3" "$(cat "$tmp/ex3.out") $(cat "$d/status")"
[ $rc -eq 3 ] && ok "capdash run exits 3 as the job did (as for a local run)" ||
	not_ok "exit 3 status" "capdash run exited $rc"

# Ctrl-C on capdash run = capdash's stop = scancel: CANCELLED, output kept.
setsid "$C" run --on slurm --poll 1 --name stopme -- "$T" stall 5 100 </dev/null >"$tmp/stop.out" 2>&1 &
fg_pid=$!
wait_until 20 has_points stopme 5
kill -INT "$fg_pid"
wait "$fg_pid"
rc=$?
fg_pid=
wait_until 15 ended stopme
d=$(rdir stopme)
[ "$(slurm_field "$d" state)" = CANCELLED ] && grep -q '"state":"stopped"' "$d/status" &&
	ok "Ctrl-C on capdash run cancels the job: CANCELLED, listed as stopped (rc $rc)" ||
	not_ok "stop" "rc=$rc $(cat "$tmp/stop.out") $(cat "$d/status")"
[ "$(points stopme)" -eq 5 ] && [ "$(grep -c '"capdash":1' "$d/output.log")" -eq 5 ] &&
	ok "after the cancel, output.log and metrics.jsonl keep all 5 lines" ||
	not_ok "stop output" "points $(points stopme); $(cat "$d/output.log")"
[ -z "$(squeue -h -j "$(slurm_field "$d" job_id)" -t PD,R,CG -o %i 2>/dev/null)" ] &&
	ok "and Slurm no longer runs it" || not_ok "stop squeue" "$(squeue)"

# X in the run pane: asks, then cancels the job (scancel).
sub --name xstop -- "$T" stall 3 100 >/dev/null || not_ok "submit xstop" "$(cat "$tmp/sub.err")"
wait_until 20 has_points xstop 3
pane_open xstop
tmux -L "$tsock" send-keys -t 0 X
if pane_wait "(scancel)? y/N"; then
	tmux -L "$tsock" send-keys -t 0 y
	pane_wait "CANCELLED" && wait_until 10 ended xstop && state_is xstop CANCELLED &&
		ok "X in the run pane asks 'Cancel the Slurm job (scancel)?', y cancels it: CANCELLED" ||
		not_ok "pane X" "$(cat "$tmp/pane"; cat "$(rdir xstop)/status")"
else
	not_ok "pane X asks" "$(cat "$tmp/pane")"
fi
pane_close

# R in the run pane on the finished slurm20: the same job.sh resubmitted as
# a new job in the same run directory, history kept.
jid=$(slurm_field "$(rdir slurm20)" job_id)
pane_open slurm20
tmux -L "$tsock" send-keys -t 0 R
wait_until 20 eval '[ "$(slurm_field "$(rdir slurm20)" job_id)" != "$jid" ] && ended slurm20 && state_is slurm20 COMPLETED'
pane_close
d=$(rdir slurm20)
jid2=$(slurm_field "$d" job_id)
[ "$jid2" != "$jid" ] && state_is slurm20 COMPLETED && [ "$(slurm_field "$d" njobs)" = 2 ] &&
	grep -q "\"jobs\":\[\"$jid\",\"$jid2\"\]" "$d/slurm.json" && [ "$(points slurm20)" -eq 40 ] &&
	[ "$(grep -c '^{"capdash"' "$d/output.log")" -eq 40 ] &&
	ok "R resubmits: job $jid2 after $jid in the same directory, both in slurm.json, 40 points and lines kept" ||
	not_ok "pane R" "$jid -> $jid2; $(cat "$d/slurm.json"); points $(points slurm20); $(cat "$tmp/pane")"

# Two nodes, on the second cluster (its own runs root: the shared squeue
# answer is per runs root, and job ids of two clusters collide).
"$C" run --name local30 -- "$T" proto 30 20 </dev/null >/dev/null 2>&1
a=$(points_of "$(rdir local30)")
out=$(eval "$out2" && export XDG_STATE_HOME="$tmp/state2" && "$C" run --on slurm --poll 1 --nodes 2 \
	--gpus-per-node 2 --scenario "$tmp/price.yaml" --name twonodes -- sh -c \
	'if [ "$SLURM_PROCID" = 0 ]; then exec "$0" proto 30 150; else exec "$0" noisy 30 150; fi' "$T" </dev/null 2>&1)
d=$(ls -d "$tmp"/state2/capdash/runs/*-twonodes 2>/dev/null)
[ -n "$d" ] && [ "$(slurm_field "$d" nnodes)" = 2 ] && [ "$(slurm_field "$d" gpus)" = 4 ] &&
	[ "$(slurm_field "$d" state)" = COMPLETED ] && grep -q '\$3,600.00/h' <<<"$out" &&
	ok "--nodes 2 --gpus-per-node 2 on $(slurm_field "$d" nodes): 4 GPUs, \$3,600.00/h at \$900 a GPU-hour" ||
	not_ok "two nodes" "$out $(cat "$d/status" 2>/dev/null)"
b=$(points_of "$d" 2>/dev/null)
[ "$(wc -l <<<"$a")" -eq 30 ] && [ "$a" = "$b" ] && [ "$(grep -c '^1: {"capdash"' "$d/output.log")" -eq 30 ] &&
	ok "two ranks labelled by srun: the points are rank 0's (as its local run's), rank 1's lines kept" ||
	not_ok "two nodes ranks" "$(diff <(echo "$a") <(echo "$b") | head -5); $(head -4 "$d/output.log" 2>/dev/null)"

# Re-attach: capdash and its watcher killed with SIGKILL mid-job; attach
# adopts the job.
wait_until 20 has_points adopt 10
d=$(rdir adopt)
sup=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$d/status")
kill -KILL "$adopt_pid" 2>/dev/null && wait "$adopt_pid" 2>/dev/null
if [ -n "$sup" ] && ! ended adopt && kill -KILL "$sup" 2>/dev/null; then
	sleep 1.5 # the job goes on printing while no one watches
	[ "$(slurm_field "$d" state)" = RUNNING ] && ! ended adopt &&
		ok "capdash and its watcher (pid $sup) killed while the job runs" || not_ok "adopt: killed" "$(cat "$d/status")"
	out=$("$C" attach --summary adopt </dev/null 2>&1)
	wait_until 120 ended adopt
	steps=$(grep '"type":"point"' "$d/metrics.jsonl" | sed 's/.*"step":\([0-9]*\).*/\1/' | tr '\n' ' ')
	[ "$(slurm_field "$d" state)" = COMPLETED ] && [ "$steps" = "$(seq -s ' ' 1 900) " ] &&
		ok "attach re-attaches: a new watcher follows it to COMPLETED, steps 1-900 each once" ||
		not_ok "adopt" "attach said: $out; steps: $steps; $(cat "$d/status")"
	sup2=$(sed -n 's/.*"supervisor":\([0-9]*\).*/\1/p' "$d/status")
	[ -n "$sup2" ] && [ "$sup2" != "$sup" ] &&
		ok "the new watcher is another process ($sup2)" || not_ok "adopt sup" "$sup -> $sup2"
else
	not_ok "adopt" "no live watcher to kill: $(cat "$d/status" 2>/dev/null)"
fi

# TIMEOUT: Slurm's time-limit check runs every 30 s: up to ~95 s after submit.
left=$((t_submit + 120 - $(date +%s)))
[ "$left" -lt 1 ] && left=1
wait_until "$left" ended tlimit
d=$(rdir tlimit)
[ "$(slurm_field "$d" state)" = TIMEOUT ] && grep -q '"state":"failed"' "$d/status" &&
	[ "$(points tlimit)" -eq 3 ] &&
	ok "--time 1 on a longer job: TIMEOUT after $(($(date +%s) - t_submit)) s, its 3 points kept" ||
	not_ok "timeout" "$(cat "$d/status")"
grep -q "tlimit .*TIMEOUT" <<<"$("$C" runs)" && ok "capdash runs says TIMEOUT" ||
	not_ok "runs timeout" "$("$C" runs)"

echo "# slurm e2e took $(($(date +%s) - t0)) s"
exit $fail
