// Matrix products through oneDNN's sgemm (AVX2/AVX-512 with FMA, OpenMP threads), plus the
// bias + activation epilogue of TF.js' _FusedMatMul.
#include <dnnl.h>
#include <omp.h>
#include <algorithm>
#include <cmath>
#include "kernels.h"

namespace gantry {

void Gemm(const float* a, const float* b, float* c, int64_t batchA, int64_t batchB, int64_t m, int64_t n,
          int64_t k, bool transA, bool transB) {
  const int64_t batch = std::max(batchA, batchB);
  // Row-major: op(A) is m x k stored as m x k (lda = k) or, transposed, k x m (lda = m).
  const int64_t lda = transA ? m : k;
  const int64_t ldb = transB ? k : n;
  for (int64_t i = 0; i < batch; i++) {
    const float* ai = a + (batchA == 1 ? 0 : i) * m * k;
    const float* bi = b + (batchB == 1 ? 0 : i) * k * n;
    dnnl_sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, 1.0f, ai, lda, bi, ldb, 0.0f, c + i * m * n, n);
  }
}

// One activation, written so GCC vectorises it; the same formulas as TF.js' wasm kernels.
static inline float Activate(float v, int32_t act, float alpha) {
  switch (act) {
    case kRelu: return v < 0.0f ? 0.0f : v;  // NaN stays NaN (divergence checks read it)
    case kRelu6: return std::min(std::max(v, 0.0f), 6.0f);
    case kLeakyRelu: return v < 0.0f ? alpha * v : v;
    case kElu: return v < 0.0f ? std::expm1(v) : v;
    case kSigmoid: return 1.0f / (1.0f + std::exp(-v));
    default: return v;
  }
}

void BiasActivation(float* c, int64_t rows, int64_t n, const float* bias, int64_t biasLen, int32_t act,
                    float alpha) {
  if (bias == nullptr && act == kLinear) return;
#pragma omp parallel for schedule(static) if (rows * n > (1 << 16))
  for (int64_t r = 0; r < rows; r++) {
    float* row = c + r * n;
    for (int64_t j = 0; j < n; j++) {
      float v = row[j];
      if (bias != nullptr) v += bias[biasLen == 1 ? 0 : j];
      row[j] = Activate(v, act, alpha);
    }
  }
}

}  // namespace gantry
