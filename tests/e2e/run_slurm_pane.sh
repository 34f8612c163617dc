#!/bin/bash
# The training pane showing a Slurm run, without a cluster: a run directory
# made by hand as the Slurm watcher leaves it (command, slurm.json, job.sh,
# output.log with srun --label rank prefixes, metrics.jsonl, a status with
# the "slurm" object) whose lock this script holds in place of the watcher,
# opened with `capdash attach`.  The pane says PENDING with its reason and
# the time limit, then RUNNING with its nodes and the time left of the limit,
# then FAILED with the exit code; the chart and money lines are there as for
# a local run; rank 1's lines stay in the output tail; no word is cut at
# 120x40 or 80x24.  Then the run prompt with Slurm options: refused without
# --on slurm, a bad --time refused, sbatch's own refusal shown.  H4's
# slurm.sh covers a real cluster.
set -u
export LC_ALL=C.UTF-8
. "$(dirname "$0")/lib.sh"
export CAPDASH_NVML_LIB=/nonexistent
ENVS=(XDG_STATE_HOME="$XDG_STATE_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME"
	CAPDASH_NVML_LIB="$CAPDASH_NVML_LIB")
ID=20261202-120000-ddp
DIR="$XDG_STATE_HOME/capdash/runs/$ID"
HOLDER=""
trap '[ -n "$HOLDER" ] && kill "$HOLDER" 2>/dev/null; wait 2>/dev/null; e2e_cleanup' EXIT
mkdir -p "$DIR"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
T0=$(now_ms)

cat >"$DIR/command" <<EOF
{"v":1,"argv":["torchrun","--nproc-per-node=2","train.py"],"cwd":"/shared/me","name":"ddp","pty":false,"total_steps":200,"gpus":-1,"gpu_source":"detected","grace_ms":10000,"sample_ms":2000,"gpu_mode":"rent","gpu_hourly":2490000,"gpu_unit_cost":200000000000,"amortization_hours":26280,"energy_kwh":150000,"cpu_core_hourly":0,"override_hourly":-1,"team_monthly":450000000000}
EOF
cat >"$DIR/slurm.json" <<EOF
{"v":1,"job_id":4242,"cluster":"lab","submit_ms":$T0,"nodes":2,"gpus_per_node":2,"cpus_per_task":8,"partition":"gpu","time":"1:00:00","sbatch":[],"poll_ms":5000,"jobs":["4242"]}
EOF
printf '#!/bin/sh\n#SBATCH --nodes=2\nexec srun --label torchrun --nproc-per-node=2 train.py\n' >"$DIR/job.sh"
: >"$DIR/output.log"
: >"$DIR/metrics.jsonl"

# status as the watcher writes it (atomically: the reader watches the file)
put_status() { # STATE REASON NODES START_MS ENDED EXIT
	cat >"$DIR/status.tmp" <<EOF
{"v":1,"state":"x","stopped":false,"supervisor":${HOLDER:-0},"pid":0,"pgid":0,"start_ms":$T0,"end_ms":0,"ended":$5,"stop_requested":false,"paused":false,"exit_code":$6,"signal":0,"exec_errno":0,"heard_ms":$(now_ms),"paused_ms":0,"paused_since_ms":0,"disk_full_ms":0,"dropped_bytes":0,"write_errno":0,"slurm":{"job_id":4242,"cluster":"lab","state":"$1","reason":"$2","nodes":"$3","nnodes":2,"submit_ms":$T0,"start_ms":$4,"end_ms":0,"time_limit_ms":3600000,"gpus":4,"cpus":32,"exit_code":$6,"exit_signal":0,"njobs":1}}
EOF
	mv "$DIR/status.tmp" "$DIR/status"
}

# the watcher's lock: one process (a subshell that becomes sleep) holds it
# (blocking: a probe below may hold it for an instant)
( exec 9>>"$DIR/lock" && flock 9 && exec sleep 300 ) &
HOLDER=$!
held=""
for _ in $(seq 50); do
	flock -n "$DIR/lock" true 2>/dev/null || { held=1; break; }
	sleep 0.1
done
[ -n "$held" ] || { not_ok "setup: hold the run's lock" "flock never held it"; e2e_finish; }
put_status PENDING Resources "" 0 false 0

E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED torchrun nproc ddp default" \
	e2e_start 120 40 "${ENVS[@]}" -- attach "$ID"
if e2e_wait "Slurm job 4242 PENDING (Resources)" 10; then
	ok "pending: the job id, the state and its reason"
else
	not_ok "pending: the job id, the state and its reason" "no PENDING line"
fi
if e2e_screen | grep -q "pending" && e2e_screen | grep -q "limit 1h00m"; then
	ok "pending: the run state reads pending, with the time limit"
else
	not_ok "pending: the run state reads pending, with the time limit" "missing"
fi
if e2e_screen | grep -q 'queued: free until it runs, then \$9\.96/h'; then
	ok "pending: the queue is free, and what the job will cost once it runs"
else
	not_ok "pending: the queue is free, and what the job will cost once it runs" "missing"
fi
E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED torchrun nproc ddp default" \
	e2e_check_cuts "120x40 pending: no word cut"

# The job starts: output from two ranks (srun --label), rank 0's points.
START=$(($(now_ms) - 600000)) # ten minutes ago: 50 of its 60 minutes left
{
	for i in $(seq 1 40); do
		printf '0: step=%d loss=%s lr=0.001\n' "$i" "$(awk -v i="$i" 'BEGIN{printf "%.3f", 2.5/(1+i/10)}')"
		printf '1: step=%d loss=%s lr=0.001\n' "$i" "$(awk -v i="$i" 'BEGIN{printf "%.3f", 2.6/(1+i/10)}')"
	done
	echo "1: [default1]: rank one says hello"
} >>"$DIR/output.log"
NOW_S=$(($(now_ms) / 1000))
for i in $(seq 1 40); do # a point a second until now: not stalled
	printf '{"v":1,"t":%d,"type":"point","step":%d,"total":200,"loss":%s,"lr":0.001,"format":"generic"}\n' \
		$((NOW_S - 40 + i)) "$i" "$(awk -v i="$i" 'BEGIN{printf "%.3f", 2.5/(1+i/10)}')"
done >>"$DIR/metrics.jsonl"
put_status RUNNING "" "gpu[01-02]" "$START" false 0
if e2e_wait "Slurm job 4242 RUNNING on gpu[01-02]" 10 && e2e_wait_re "(49|50)m[0-9]{2}s left" 5; then
	ok "running: the nodes and the time left of the limit"
else
	not_ok "running: the nodes and the time left of the limit" "no RUNNING line"
fi
if e2e_wait "rank one says hello" 5 && e2e_screen | grep -q "loss 0.5"; then
	ok "running: rank 1's lines in the tail, the chart's summary from the points"
else
	not_ok "running: rank 1's lines in the tail, the chart's summary from the points" "missing"
fi
if e2e_screen | grep -q "running"; then
	ok "running: the run state reads running"
else
	not_ok "running: the run state reads running" "no state word"
fi
E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED torchrun nproc ddp default" \
	e2e_check_cuts "120x40 running: no word cut"
e2e_resize 80 24 # one pane at a time: Tab shows the run
e2e_wait "Tab: run" 5 >/dev/null && e2e_keys Tab
e2e_wait "RUNNING" 5 >/dev/null
sleep 0.3
E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED torchrun nproc ddp default" \
	e2e_check_cuts "80x24 running: no word cut"
if e2e_screen | grep -q "RUNNING"; then
	ok "80x24: the Slurm state still shown"
else
	not_ok "80x24: the Slurm state still shown" "no RUNNING"
fi

# It ends: FAILED with exit code 3 (the watcher lets go of the lock).
put_status FAILED NonZeroExitCode "gpu[01-02]" "$START" true 3
kill "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
HOLDER=""
if e2e_wait_re "FAILED, exit code 3|FAILED" 10 && e2e_screen | grep -q "failed"; then
	ok "failed: Slurm's state with the exit code, the run reads failed"
else
	not_ok "failed: Slurm's state with the exit code, the run reads failed" "missing"
fi
E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED NonZeroExitCode torchrun nproc ddp default" \
	e2e_check_cuts "80x24 failed: no word cut"
e2e_resize 120 40
e2e_wait "FAILED, exit code 3" 5 >/dev/null
sleep 0.3
E2E_CUT_WORDS="gpu Resources PENDING RUNNING FAILED NonZeroExitCode torchrun nproc ddp default" \
	e2e_check_cuts "120x40 failed: no word cut"
if e2e_screen | grep -q "Slurm job 4242 FAILED, exit code 3"; then
	ok "120x40 failed: the whole Slurm line"
else
	not_ok "120x40 failed: the whole Slurm line" "missing"
fi
# The run prompt takes capdash run's Slurm options before the command.
# sbatch here is a stand-in that refuses, as a cluster with no such
# partition does: its own words must reach the screen.
mkdir -p "$E2E_TMP/bin"
printf '#!/bin/sh\necho "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2\nexit 1\n' >"$E2E_TMP/bin/sbatch"
chmod +x "$E2E_TMP/bin/sbatch"
E2E_CUT_WORDS="gpu" e2e_start 120 40 "${ENVS[@]}" PATH="$E2E_TMP/bin:$PATH" --
prompt() {
	e2e_keys c
	e2e_wait 'command to run:' 3 >/dev/null
	e2e_tmux send-keys -t 0 -l -- "$1" # "--" or tmux takes "--nodes" as its own
	e2e_keys Enter
}
prompt "--nodes 2 -- true"
if e2e_wait "go with --on slurm" 5; then
	ok "prompt: Slurm options without --on slurm are refused"
else
	not_ok "prompt: Slurm options without --on slurm are refused" "no message"
fi
prompt "--on slurm --time 1h -- true"
if e2e_wait "--time: expected minutes" 5; then
	ok "prompt: a bad --time is refused before anything is written"
else
	not_ok "prompt: a bad --time is refused before anything is written" "no message"
fi
prompt "--on slurm --partition nope --nodes 2 -- python train.py"
if e2e_wait "Invalid partition name specified" 10; then
	ok "prompt: --on slurm submits with sbatch, whose refusal is shown"
else
	not_ok "prompt: --on slurm submits with sbatch, whose refusal is shown" "no sbatch message"
fi
e2e_keys q
e2e_finish
