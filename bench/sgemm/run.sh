#!/usr/bin/env bash
# Builds and runs sgemm-compare.c: oneDNN's sgemm (what the native backend uses) against OpenBLAS (the OpenMP build
# when installed, as the PyTorch peer uses) on Gantry's GEMM shapes. Needs gcc, libdnnl-dev and libopenblas-dev.
#   bench/sgemm/run.sh [threads=2] [rounds=7] [ms-per-round=100]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(mktemp -d)/sgemm-compare
blas=/usr/lib/x86_64-linux-gnu/openblas-openmp
[ -d "$blas" ] || blas=/usr/lib/x86_64-linux-gnu
gcc -O2 -fopenmp "$here/sgemm-compare.c" -o "$bin" -I/usr/include/x86_64-linux-gnu/openblas-pthread -L"$blas" -Wl,-rpath,"$blas" -lopenblas -ldnnl
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$bin" "${1:-2}" "${2:-7}" "${3:-100}"
echo "load: $(uptime)"
