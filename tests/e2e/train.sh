#!/bin/bash
# train.sh — capdash-train end to end: protocol lines (checked as JSON),
# the synthetic default, exit statuses for every kind of bad input,
# determinism, stop-by-signal then --resume giving the uninterrupted run's
# losses, damaged and mismatched checkpoints refused, the progress bar on a
# tty, a few hundred steps on the real Fashion-MNIST when it is installed,
# and examples/train_torch.py for a few steps when PyTorch is installed.
# Prints "ok NAME" / "not ok NAME: why" lines; exits non-zero on a failure.
set -u
BUILD=${CAPDASH_BUILD:-$PWD/build}
TRAIN=$BUILD/capdash-train
SRC=${CAPDASH_SRC:-$PWD}
FMNIST=/usr/share/datasets/fashion-mnist
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0

ok() { echo "ok $1${2:+ # $2}"; }
not_ok() { echo "not ok $1: $2"; failed=1; }

PY=$(command -v python3 || true)

# check_proto FILE MIN_EVALS: every line is a protocol object with the
# fields its event needs; start first, end last.  Prints what is wrong.
check_proto() {
	if [ -z "$PY" ]; then
		grep -q '^{"capdash":1,"event":"start"' "$1" && tail -n1 "$1" | grep -q '"event":"end"' ||
			echo "start/end lines missing"
		return
	fi
	"$PY" - "$1" "$2" <<'EOF'
import json, sys
need = {"start": ["model", "data", "threads", "batch", "epochs", "total_steps", "params"],
        "step": ["step", "total_steps", "epoch", "epochs", "loss", "lr", "samples_per_s", "elapsed"],
        "eval": ["step", "epoch", "epochs", "val_loss", "val_acc", "elapsed"],
        "info": ["msg"], "end": ["step", "elapsed", "status"]}
lines = open(sys.argv[1]).read().splitlines()
evs = []
for i, l in enumerate(lines, 1):
    try:
        o = json.loads(l)
    except ValueError as e:
        sys.exit(f"line {i}: not JSON ({e}): {l[:80]}")
    if list(o)[:2] != ["capdash", "event"] or o["capdash"] != 1:
        sys.exit(f"line {i}: does not start with capdash:1, event: {l[:80]}")
    miss = [k for k in need.get(o["event"], []) if k not in o]
    if miss:
        sys.exit(f"line {i}: {o['event']} lacks {miss}")
    evs.append(o["event"])
if not evs or evs[-1] != "end" or "start" not in evs or any(e != "info" for e in evs[:evs.index("start")]):
    sys.exit(f"events out of order: {evs[:5]}...{evs[-3:]}")
if evs.count("eval") < int(sys.argv[2]):
    sys.exit(f"{evs.count('eval')} eval lines, expected at least {sys.argv[2]}")
EOF
}

# losses FILE: "step loss" per step line.
losses() { sed -n 's/.*"event":"step","step":\([0-9]*\),.*"loss":\([^,]*\),.*/\1 \2/p' "$1"; }
field() { sed -n "s/.*\"$2\":\\([^,}]*\\).*/\\1/p" "$1" | tail -n1; }

if [ ! -x "$TRAIN" ]; then
	not_ok train-built "$TRAIN is missing"
	exit 1
fi

# --- protocol on synthetic data, loss falls ---
"$TRAIN" --data synthetic --model mlp --epochs 3 --limit 3000 --log-every 10 \
	--threads 1 -q >"$T/syn.out" 2>"$T/syn.err"
rc=$?
why=$(check_proto "$T/syn.out" 3)
first=$(losses "$T/syn.out" | head -n1 | cut -d' ' -f2)
last=$(losses "$T/syn.out" | tail -n1 | cut -d' ' -f2)
acc=$(field "$T/syn.out" val_acc)
if [ $rc -ne 0 ]; then not_ok train-synthetic "exit $rc: $(cat "$T/syn.err")"
elif [ -n "$why" ]; then not_ok train-synthetic "$why"
elif ! awk -v a="$first" -v b="$last" 'BEGIN { exit !(b < a * 0.8) }'; then
	not_ok train-synthetic "loss did not fall: $first -> $last"
elif ! awk -v a="$acc" 'BEGIN { exit !(a > 0.5) }'; then
	not_ok train-synthetic "test accuracy $acc after 3 epochs"
else ok train-synthetic "loss $first -> $last, accuracy $acc"; fi

# --- no dataset installed: synthetic, said in the first line and on stderr ---
CAPDASH_DATASETS=$T/none "$TRAIN" --model mlp --epochs 1 --limit 256 >"$T/def.out" 2>"$T/def.err"
if head -n1 "$T/def.out" | grep -q '"event":"info","msg":"no dataset at .*synthetic' &&
	grep -q 'using synthetic data' "$T/def.err" && grep -q '"data":"synthetic"' "$T/def.out"; then
	ok train-default-synthetic
else not_ok train-default-synthetic "$(head -n1 "$T/def.out") / $(cat "$T/def.err")"; fi

# --- usage errors: status 2 and a message ---
bad=""
for args in "--epochs 0" "--epoch 3" "--model resnet" "--lr abc" "--batch -1" "--resume" \
	"--threads 0" "--momentum 1" "--format cifar10" "stray" "--limit"; do
	# shellcheck disable=SC2086
	"$TRAIN" $args >/dev/null 2>"$T/u.err"
	rc=$?
	[ $rc -eq 2 ] && [ -s "$T/u.err" ] || bad+=" [$args: exit $rc]"
done
grep -q 'did you mean' <("$TRAIN" --epoch 3 2>&1)  || bad+=" [no suggestion for --epoch]"
[ -z "$bad" ] && ok train-usage || not_ok train-usage "$bad"

# --- bad data: status 66 missing, 65 malformed, message names file and offset ---
mkdir -p "$T/bad"
"$TRAIN" --data "$T/nodir" >/dev/null 2>"$T/b1.err"; r1=$?
"$TRAIN" --data "$T/bad" >/dev/null 2>"$T/b2.err"; r2=$?
printf '\0\0\x08\x03\0\0\0\x02\0\0\0\x02\0\0\0\x02\1\2\3\4\5\6\7\10' | gzip >"$T/bad/train-images-idx3-ubyte.gz"
printf '\0\0\x08\x01\0\0\0\x02\1' | gzip >"$T/bad/train-labels-idx1-ubyte.gz"
cp "$T/bad/train-images-idx3-ubyte.gz" "$T/bad/t10k-images-idx3-ubyte.gz"
cp "$T/bad/train-labels-idx1-ubyte.gz" "$T/bad/t10k-labels-idx1-ubyte.gz"
"$TRAIN" --data "$T/bad" >/dev/null 2>"$T/b3.err"; r3=$?
if [ $r1 -eq 66 ] && [ $r2 -eq 66 ] && [ $r3 -eq 65 ] &&
	grep -q "nodir: no such directory" "$T/b1.err" &&
	grep -q "train-images-idx3-ubyte.gz: no such file" "$T/b2.err" &&
	grep -q "train-labels-idx1-ubyte.gz: offset 8: truncated: expected 2 labels, got 1" "$T/b3.err"; then
	ok train-bad-data
else not_ok train-bad-data "exits $r1 $r2 $r3: $(cat "$T/b1.err" "$T/b2.err" "$T/b3.err")"; fi

# --- determinism: same seed, one thread, bit-identical losses ---
run_det() { "$TRAIN" --data synthetic --model "$1" --epochs 1 --limit 640 --batch 32 --threads 1 \
	--seed 5 --log-every 1 --test-limit 64 -q | losses /dev/stdin; }
for m in mlp cnn; do
	a=$(run_det $m); b=$(run_det $m)
	if [ -n "$a" ] && [ "$a" = "$b" ] && [ "$(echo "$a" | wc -l)" -eq 20 ]; then ok "train-deterministic-$m"
	else not_ok "train-deterministic-$m" "runs differ or are empty"; fi
done

# --- two threads: the same losses within float tolerance ---
a=$("$TRAIN" --data synthetic --model cnn --epochs 1 --limit 640 --batch 32 --threads 2 --seed 5 \
	--log-every 1 --test-limit 64 -q | losses /dev/stdin)
b=$("$TRAIN" --data synthetic --model cnn --epochs 1 --limit 640 --batch 32 --threads 2 --seed 5 \
	--log-every 1 --test-limit 64 -q | losses /dev/stdin)
if [ "$(echo "$a" | wc -l)" -eq 20 ] && paste <(echo "$a") <(echo "$b") | awk '
	{ d = $2 - $4; if (d < 0) d = -d; if ($1 != $3 || d > 1e-3 * ($2 < 1 ? 1 : $2)) bad = 1 }
	END { exit bad }'; then ok train-reproducible-threads
else not_ok train-reproducible-threads "2-thread runs differ beyond 1e-3"; fi

# --- stop with SIGTERM, resume: the same losses as an uninterrupted run ---
args=(--data synthetic --model cnn --epochs 2 --limit 3200 --batch 32 --threads 1 --seed 3
	--log-every 1 --test-limit 200 -q)
"$TRAIN" "${args[@]}" >"$T/full.out" 2>&1
"$TRAIN" "${args[@]}" --checkpoint "$T/run.ckpt" >"$T/part.out" 2>"$T/part.err" &
pid=$!
for _ in $(seq 1 600); do
	[ "$(grep -c '"event":"step"' "$T/part.out")" -ge 30 ] && break
	sleep 0.02
done
kill -TERM $pid
wait $pid
rc=$?
stopped=$(field "$T/part.out" step)
"$TRAIN" "${args[@]}" --checkpoint "$T/run.ckpt" --resume >"$T/rest.out" 2>"$T/rest.err"
rc2=$?
want=$(losses "$T/full.out" | awk -v s="$stopped" '$1 > s')
got=$(losses "$T/rest.out")
if [ $rc -ne 143 ]; then not_ok train-resume "stopped run exited $rc, expected 143 ($(cat "$T/part.err"))"
elif ! tail -n1 "$T/part.out" | grep -q '"status":"interrupted"'; then not_ok train-resume "no interrupted end line"
elif [ "$stopped" -ge 200 ]; then not_ok train-resume "the run finished before the signal (step $stopped)"
elif [ $rc2 -ne 0 ]; then not_ok train-resume "resume exited $rc2: $(cat "$T/rest.err")"
elif ! grep -q "\"step\":$stopped," <(head -n1 "$T/rest.out"); then not_ok train-resume "start line lacks step $stopped"
elif [ -z "$got" ] || [ "$got" != "$want" ]; then
	not_ok train-resume "losses after step $stopped differ from the uninterrupted run"
else ok train-resume "stopped at step $stopped, $(echo "$got" | wc -l) steps identical after resume"; fi

# --- damaged and mismatched checkpoints refused (65), missing (66) ---
ck=$T/run.ckpt
size=$(stat -c %s "$ck")
cp "$ck" "$T/flip.ckpt"
# Flip one bit (an overwrite could write the byte that was already there).
off=$((size / 2))
byte=$(od -An -tu1 -j $off -N1 "$ck" | tr -d ' ')
printf "\\x$(printf %02x $((byte ^ 16)))" | dd of="$T/flip.ckpt" bs=1 seek=$off conv=notrunc 2>/dev/null
cmp -s "$ck" "$T/flip.ckpt" && not_ok train-checkpoint-refused "the bit flip did not change the file"
head -c $((size - 100)) "$ck" >"$T/short.ckpt"
{ printf 'XXXXXXXX'; tail -c +9 "$ck"; } >"$T/magic.ckpt"
{ head -c 8 "$ck"; printf '\x02\0\0\0'; tail -c +13 "$ck"; } >"$T/version.ckpt"
bad=""
expect() { # STATUS PATTERN ARGS...
	local st=$1 pat=$2 rc
	shift 2
	"$TRAIN" "$@" >/dev/null 2>"$T/e.err"
	rc=$?
	[ $rc -eq "$st" ] && grep -q -- "$pat" "$T/e.err" || bad+=" [$* → $rc: $(cat "$T/e.err")]"
}
expect 65 "checksum mismatch" "${args[@]}" --checkpoint "$T/flip.ckpt" --resume
expect 65 "truncated" "${args[@]}" --checkpoint "$T/short.ckpt" --resume
expect 65 "wrong magic" "${args[@]}" --checkpoint "$T/magic.ckpt" --resume
expect 65 "format version 2" "${args[@]}" --checkpoint "$T/version.ckpt" --resume
expect 65 "model: the checkpoint is for cnn, this run is mlp" "${args[@]}" --model mlp --checkpoint "$ck" --resume
expect 65 "batch: the checkpoint was trained with --batch 32" "${args[@]}" --batch 16 --checkpoint "$ck" --resume
expect 65 "limit: the checkpoint was trained on 3200" "${args[@]}" --limit 1000 --checkpoint "$ck" --resume
expect 66 "no such file" "${args[@]}" --checkpoint "$T/none.ckpt" --resume
expect 73 "cannot" "${args[@]}" --epochs 1 --limit 64 --checkpoint "$T/no/dir/x.ckpt"
# An unwritable checkpoint path stops the run before its first step, not
# after an epoch: no step line on stdout, at once.
: >"$T/plainfile"
mkdir -p "$T/ckdir"
early() { # PATTERN CHECKPOINT
	local rc
	"$TRAIN" --data synthetic --model mlp --epochs 20 --limit 3200 --log-every 1 --no-progress \
		--checkpoint "$2" >"$T/early.out" 2>"$T/e.err"
	rc=$?
	[ $rc -eq 73 ] && grep -q -- "$1" "$T/e.err" && ! grep -q '"event":"step"' "$T/early.out" ||
		bad+=" [--checkpoint $2 → $rc, $(grep -c '"event":"step"' "$T/early.out") step lines: $(cat "$T/e.err")]"
}
early "x.ckpt: cannot create a checkpoint beside it: No such file or directory" "$T/no/dir/x.ckpt"
early "cannot create a checkpoint beside it: Not a directory" "$T/plainfile/x.ckpt"
early "is a directory" "$T/ckdir"
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$T/ckdir"
	early "Permission denied" "$T/ckdir/x.ckpt"
	chmod 755 "$T/ckdir"
fi
[ -z "$(ls -A "$T/ckdir")" ] || bad+=" [the probe left $(ls -A "$T/ckdir") behind]"
[ -z "$bad" ] && ok train-checkpoint-refused || not_ok train-checkpoint-refused "$bad"

# --- progress bar on a terminal ---
if command -v script >/dev/null 2>&1; then
	script -qec "$TRAIN --data synthetic --model mlp --epochs 1 --limit 2000 >/dev/null" "$T/tty.log" >/dev/null 2>&1
	if grep -q 'img/s ETA' "$T/tty.log" && grep -q "$(printf '\r')" "$T/tty.log"; then ok train-progress-bar
	else not_ok train-progress-bar "no bar on the tty: $(tr '\r' '\n' <"$T/tty.log" | head -n3)"; fi
	"$TRAIN" --data synthetic --model mlp --epochs 1 --limit 500 >/dev/null 2>"$T/notty.err"
	grep -q 'img/s' "$T/notty.err" && not_ok train-no-bar-off-tty "bar drawn on a file" || ok train-no-bar-off-tty
else
	ok train-progress-bar "skip: script(1) not installed"
fi

# --- the real dataset ---
if [ -d "$FMNIST" ]; then
	"$TRAIN" --data "$FMNIST" --model mlp --epochs 1 --limit 19200 --test-limit 2000 --log-every 50 \
		-q >"$T/fm.out" 2>"$T/fm.err"
	rc=$?
	why=$(check_proto "$T/fm.out" 1)
	first=$(losses "$T/fm.out" | head -n1 | cut -d' ' -f2)
	last=$(losses "$T/fm.out" | tail -n1 | cut -d' ' -f2)
	acc=$(field "$T/fm.out" val_acc)
	if [ $rc -ne 0 ]; then not_ok train-fmnist "exit $rc: $(cat "$T/fm.err")"
	elif [ -n "$why" ]; then not_ok train-fmnist "$why"
	elif ! grep -q '"data":"fashion-mnist"' "$T/fm.out"; then not_ok train-fmnist "data name"
	elif ! awk -v a="$first" -v b="$last" -v c="$acc" 'BEGIN { exit !(b < a && c > 0.75) }'; then
		not_ok train-fmnist "300 mlp steps: loss $first -> $last, accuracy $acc"
	else ok train-fmnist "300 mlp steps: loss $first -> $last, test accuracy $acc"; fi
	"$TRAIN" --data "$FMNIST" --model cnn --epochs 1 --limit 6400 --test-limit 1000 --log-every 20 \
		-q >"$T/fmc.out" 2>"$T/fmc.err"
	rc=$?
	acc=$(field "$T/fmc.out" val_acc)
	if [ $rc -eq 0 ] && [ -z "$(check_proto "$T/fmc.out" 1)" ] &&
		awk -v c="$acc" 'BEGIN { exit !(c > 0.6) }'; then
		ok train-fmnist-cnn "100 cnn steps: test accuracy $acc, $(field "$T/fmc.out" samples_per_s) samples/s"
	else not_ok train-fmnist-cnn "exit $rc, accuracy $acc: $(cat "$T/fmc.err")"; fi
else
	ok train-fmnist "skip: $FMNIST not installed (apt-get install dataset-fashion-mnist)"
fi

# --- the PyTorch example, on the CPU ---
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
	for m in mlp cnn; do
		/usr/bin/python3 "$SRC/examples/train_torch.py" --model $m --device cpu --steps 20 \
			--limit 2000 --test-limit 256 --log-every 5 --threads 1 >"$T/pt.out" 2>"$T/pt.err"
		rc=$?
		why=$(check_proto "$T/pt.out" 1)
		if [ $rc -eq 0 ] && [ -z "$why" ] && [ "$(field "$T/pt.out" step)" = 20 ]; then
			ok "train-torch-$m" "$(field "$T/pt.out" samples_per_s) samples/s"
		else not_ok "train-torch-$m" "exit $rc: $why $(tail -n3 "$T/pt.err")"; fi
	done
	/usr/bin/python3 "$SRC/examples/train_torch.py" --data synthetic --format cifar10 --device cpu \
		--steps 3 --limit 256 --test-limit 64 --batch 32 --log-every 1 >"$T/rn.out" 2>"$T/rn.err"
	rc=$?
	why=$(check_proto "$T/rn.out" 1)
	if [ $rc -eq 0 ] && [ -z "$why" ] && grep -q '"model":"resnet18"' "$T/rn.out"; then ok train-torch-resnet18
	else not_ok train-torch-resnet18 "exit $rc: $why $(tail -n3 "$T/rn.err")"; fi
else
	ok train-torch "skip: /usr/bin/python3 cannot import torch (apt-get install python3-torch)"
fi

exit $failed
