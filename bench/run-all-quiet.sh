#!/usr/bin/env bash
# Every native-speed benchmark at its final size, with the PyTorch peer in the same run, for a quiet machine (run
# nothing else meanwhile; the load average is recorded before and after each one). About 14-15 min on 2 cores.
#   bench/run-all-quiet.sh [out-dir]        (default bench/results/<UTC time>; markdown + JSON per benchmark)
# The peer is GANTRY_PEER, else ../shared/bench/peer next to the checkout. The OpenBLAS tuning variables are unset
# for every run (bench/lib/peer.ts drops them too), so the peer's OpenBLAS picks its own kernels.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export GANTRY_PEER="${GANTRY_PEER:-$root/../shared/bench/peer}"
out="${1:-bench/results/$(date -u +%Y%m%dT%H%MZ)}"
mkdir -p "$out"
log="$out/run.log"
run() {
  local name=$1
  shift
  local t0=$SECONDS
  echo "== $name: $(uptime)" | tee -a "$log"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@" 2> >(tee -a "$log" >&2) | tee "$out/$name.txt"
  echo "== $name done in $((SECONDS - t0)) s: $(uptime)" | tee -a "$log"
}
# QUICK=1: tiny sizes, only to check that every step runs (figures meaningless).
if [ "${QUICK:-0}" = 1 ]; then
  tt=(--seconds 1 --repeats 1 --cells mlp/ns) sl=(--seconds 1 --archs mlp --formats png) cs=(--runs 1 --workers default)
  ms=(--requests 200) mt=(--steps 100) el=(--rounds 1 --native) bn=(--calls 20 --rounds 2)
else
  tt=(--seconds 4 --repeats 3) sl=(--seconds 12) cs=(--runs 3) ms=(--requests 10000) mt=(--steps 5000) el=(--native) bn=()
fi
[ -x "$GANTRY_PEER" ] || echo "warning: no peer at $GANTRY_PEER; ratios will be missing" | tee -a "$log"

# 1. Training throughput: {mlp, dcgan, mlp2d} × {ns, wgan-gp}, native vs wasm vs the peer (~5 min).
run train-throughput npx tsx bench/train-throughput/run.ts "${tt[@]}"
# 2. Sampling latency through the real server: n = 64, PNG and JSON, 1 and 16 clients, native and wasm (~5 min).
run sample-latency npx tsx bench/sample-latency/run.ts "${sl[@]}" --json "$out/sample-latency.json" --md "$out/sample-latency.md"
# 3. Cold start: new server process → first sample from s3rver, wasm and native, event loop and worker pool (~1 min).
run cold-start npx tsx bench/cold-start/run.ts "${cs[@]}" --json "$out/cold-start.json" --md "$out/cold-start.md"
# 4. Memory: 10 000 sampling requests, 5 000 training steps; tensors flat, RSS growth < 5 % (~2.5 min).
run memory-sampling node --expose-gc --import tsx bench/memory/run.ts --part sampling "${ms[@]}" --json "$out/memory-sampling.json"
run memory-training node --expose-gc --import tsx bench/memory/run.ts --part training "${mt[@]}" --json "$out/memory-training.json"
# 5. Per-op cost, stock wasm vs Gantry's wasm kernels vs native, one thread (~1 min).
run eltwise env GANTRY_WASM_THREADS=1 npx tsx bench/kernels/eltwise.ts "${el[@]}"
# 5b. One batch-norm layer forward + backward on native: its oneDNN kernels vs the composite ops, one thread (~30 s).
run batch-norm env GANTRY_WASM_THREADS=1 npx tsx bench/kernels/batch-norm.ts "${bn[@]}"
# 6. GEMM library: oneDNN's sgemm vs OpenBLAS on the models' shapes, 2 threads and 1 (~30 s).
run sgemm-2-threads bench/sgemm/run.sh 2
run sgemm-1-thread bench/sgemm/run.sh 1
echo "results in $out" | tee -a "$log"
