#!/bin/bash
# capdash-train's network against PyTorch on the same job, side by side in
# one run: batch 64, SGD lr 0.01 momentum 0.9, synthetic 1x28x28 data,
# the same thread count.  Runs alternate (ours, torch, ours, torch, ...)
# so both see the same machine load; medians are printed, and the ratio.
#
#   cnn, 2 threads   torch: 2 OpenMP threads, OPENBLAS_NUM_THREADS=1 (its
#                    best 2-core setting)
#   cnn, 1 thread
#   mlp              ours at 1 thread against torch's best of 1 and 2
# Also: GFLOP/s against the FMA peak measured in the same run, GFLOP/s per
# layer (1 thread, per thread-second), where a cnn step's time goes, CPU
# time per step (steadier than samples/s on a shared machine) and peak RSS
# of a cnn run of capdash-train.  Bars (issue 11): 1.6x PyTorch at 2
# threads, 1.5x at 1 thread.
#
# Environment: BENCH_ROUNDS (default 3), BENCH_SECS per run (default 4).
# Installs python3-torch with apt-get when missing and allowed (root or
# passwordless sudo); otherwise the torch side is skipped with a message.
set -u
B=${CAPDASH_BUILD:-build}
BN="$B/bench/bench_nn"
SRC=${CAPDASH_SRC:-.}
ROUNDS=${BENCH_ROUNDS:-3}
SECS=${BENCH_SECS:-4}
PY=/usr/bin/python3
[ -x "$BN" ] || { echo "trainer: build first (make bench)"; exit 1; }

have_torch() { [ -x "$PY" ] && "$PY" -c 'import torch' 2>/dev/null; }
if ! have_torch; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
	echo "trainer: python3-torch missing; installing it (apt-get)"
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null 2>&1 ||
		echo "trainer: could not install python3-torch"
fi
TORCH=1
have_torch || { TORCH=0; echo "trainer: no PyTorch here: the torch side is skipped"; }

# Debian's OpenBLAS picks kernels by CPU model and falls back to its
# Prescott (SSE3) ones on CPUs it does not know (a VM's "Intel Xeon
# Processor"); PyTorch's fc layers go through it.  So that the reference
# is PyTorch at its best, name the kernels when the CPU has AVX-512.
# (Our side does not use OpenBLAS on AVX-512 CPUs.)
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
	export OPENBLAS_CORETYPE=SkylakeX
	echo "trainer: OPENBLAS_CORETYPE=SkylakeX for the reference (it was unset)"
fi
# PyTorch 1.13 runs its AVX2 kernels even on AVX-512 CPUs unless told;
# asked, it is ~15% faster here, so the reference gets that too.
if [ -z "${ATEN_CPU_CAPABILITY:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
	export ATEN_CPU_CAPABILITY=avx512
	echo "trainer: ATEN_CPU_CAPABILITY=avx512 for the reference (it was unset)"
fi
env | grep -E '^(OPENBLAS|ATEN)' | sed 's/^/trainer: env /'

median() { sort -g | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); else print 0}'; }
get() { sed -n "s/^$1 \([^ ]*\).*/\1/p"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ours MODEL THREADS TAG / torch MODEL THREADS TAG: one run, figures appended
ours() {
	"$BN" "$1" "$2" "$SECS" >"$tmp/run" 2>&1 || { cat "$tmp/run"; return 1; }
	get samples_per_s <"$tmp/run" >>"$tmp/$3.ours"
	get gflops <"$tmp/run" >>"$tmp/$3.gflops"
	get peak_gflops <"$tmp/run" >>"$tmp/$3.peak"
	get peak_rss_mb <"$tmp/run" >>"$tmp/$3.rss"
	get cpu_ms_per_step <"$tmp/run" >>"$tmp/$3.cpu"
	sed -n 's/^layer_\([a-z0-9_]*\)_gflops \([^ ]*\).*/\1 \2/p' "$tmp/run" >>"$tmp/$3.layers"
	cp "$tmp/run" "$tmp/$3.last"
}
torch() {
	[ "$TORCH" = 1 ] || return 0
	OMP_NUM_THREADS=$2 OPENBLAS_NUM_THREADS=1 "$PY" "$SRC/bench/torch_ref.py" "$1" "$2" "$SECS" \
		>"$tmp/trun" 2>&1 || { cat "$tmp/trun"; return 1; }
	get samples_per_s <"$tmp/trun" >>"$tmp/$3.torch"
	get peak_rss_mb <"$tmp/trun" >>"$tmp/$3.trss"
}

for r in $(seq "$ROUNDS"); do
	ours cnn 2 cnn2 && torch cnn 2 cnn2 &&
	ours cnn 1 cnn1 && torch cnn 1 cnn1 &&
	ours mlp 1 mlp && torch mlp 1 mlp1 && torch mlp 2 mlp2 || exit 1
done

status=0
row() { # TAG LABEL BAR TORCHTAGS...
	local tag=$1 label=$2 bar=$3 o t best=0 tt
	shift 3
	o=$(median <"$tmp/$tag.ours")
	for tt in "$@"; do
		[ -s "$tmp/$tt.torch" ] || continue
		t=$(median <"$tmp/$tt.torch")
		best=$(awk -v a="$best" -v b="$t" 'BEGIN {print (b > a ? b : a)}')
	done
	if [ "$TORCH" = 1 ]; then
		awk -v l="$label" -v o="$o" -v t="$best" -v bar="$bar" 'BEGIN {
			r = o / t
			printf "%-26s ours %9.0f  torch %9.0f samples/s  ratio %.2fx  (bar %.2fx: %s)\n",
			       l, o, t, r, bar, (r >= bar ? "met" : "MISSED") }'
		awk -v o="$o" -v t="$best" -v bar="$bar" 'BEGIN {exit !(o / t >= bar)}' || status=1
	else
		printf "%-26s ours %9.0f samples/s (no reference)\n" "$label" "$o"
	fi
}
echo "median of $ROUNDS runs of ${SECS}s each, alternating:"
row cnn2 "cnn, 2 threads" 1.6 cnn2
row cnn1 "cnn, 1 thread" 1.5 cnn1
row mlp "mlp, 1 thread vs best" 1.0 mlp1 mlp2
gf=$(median <"$tmp/cnn2.gflops")
pk=$(median <"$tmp/cnn2.peak")
awk -v g="$gf" -v p="$pk" 'BEGIN {printf "cnn, 2 threads: %.1f GFLOP/s of a measured %.1f GFLOP/s FMA peak (%.0f%%)\n", g, p, 100 * g / p}'
gf=$(median <"$tmp/cnn1.gflops")
pk=$(median <"$tmp/cnn1.peak")
awk -v g="$gf" -v p="$pk" 'BEGIN {printf "cnn, 1 thread:  %.1f GFLOP/s of a measured %.1f GFLOP/s FMA peak (%.0f%%)\n", g, p, 100 * g / p}'
echo "cnn CPU time per step (batch 64): $(median <"$tmp/cnn1.cpu") ms at 1 thread, $(median <"$tmp/cnn2.cpu") ms at 2 threads"
echo "cnn GFLOP/s per layer, 1 thread (median; conv2 $(sed -n 's/^conv2 //p' "$tmp/cnn1.last")):"
for l in conv1_fwd conv2_fwd fc1_fwd fc1_bwd conv2_bwd conv1_bwd; do
	printf '  %s: %s\n' "$l" "$(awk -v l="$l" '$1 == l {print $2}' "$tmp/cnn1.layers" | median)"
done
echo "where a cnn step goes (2 threads, last run):"
grep '^phase_' "$tmp/cnn2.last" | sed 's/^phase_\([a-z0-9_]*\)_ms /  \1: /; s/$/ (ms per step, share)/'
echo "network alone (bench_nn), peak RSS: $(median <"$tmp/cnn2.rss") MB"
[ "$TORCH" = 1 ] && echo "torch cnn run, peak RSS: $(median <"$tmp/cnn2.trss") MB"

# Peak RSS of a real cnn run of the trainer: the dataset in memory too.
TR="$B/capdash-train"
if [ -x "$TR" ] && [ -x /usr/bin/time ]; then
	/usr/bin/time -v "$TR" --model cnn --epochs 1 --limit 3200 --test-limit 1000 --quiet \
		>/dev/null 2>"$tmp/time" || true
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	[ -n "$rss" ] && awk -v k="$rss" 'BEGIN {r = k / 1024; printf "capdash-train cnn run (Fashion-MNIST if installed), peak RSS: %.1f MB (bar < 120 MB: %s)\n", r, (r < 120 ? "met" : "MISSED")}'
fi
exit $status
