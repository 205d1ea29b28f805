// Element-wise kernels and contiguous-axis reductions. TF.js' wasm kernels for these are scalar
// loops at ~4 ns per element plus a malloc; these are vectorised by GCC (omp simd) and split over
// the OpenMP pool for large tensors. Each output element depends only on its own inputs, and every
// reduction adds in a fixed order, so results do not depend on the thread count.
#include <algorithm>
#include <cmath>
#include "kernels.h"

namespace gantry {
namespace {
constexpr int64_t kParallelMin = 1 << 16;  // below this a parallel region costs more than it saves

// Small tensors stay on the calling thread without entering a parallel region at all.
template <typename F>
void Map(int64_t n, F f) {
  if (n < kParallelMin) {
#pragma omp simd
    for (int64_t i = 0; i < n; i++) f(i);
    return;
  }
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; i++) f(i);
}
}  // namespace

void Unary(int32_t op, const float* x, float* y, int64_t n, float alpha) {
  switch (op) {
    case kNeg: Map(n, [=](int64_t i) { y[i] = -x[i]; }); break;
    case kReluOp: Map(n, [=](int64_t i) { y[i] = x[i] < 0.0f ? 0.0f : x[i]; }); break;  // NaN stays NaN
    // max/min form so GCC emits branch-free vector code; alpha·x for x < 0, x otherwise, NaN propagates.
    case kLeakyReluOp:
      Map(n, [=](int64_t i) { y[i] = std::max(x[i], 0.0f) + alpha * std::min(x[i], 0.0f); });
      break;
    case kSquare: Map(n, [=](int64_t i) { y[i] = x[i] * x[i]; }); break;
    default: break;
  }
}

template <typename Op>
static void BinaryWith(Op op, const float* a, int32_t aMode, const float* b, int32_t bMode, float* y, int64_t outer,
                       int64_t inner) {
  const int64_t n = outer * inner;
  // mode 0: full [outer, inner]; 1: scalar; 2: row [inner] repeated over outer
  auto at = [](const float* p, int32_t mode, int64_t i, int64_t j, int64_t idx) {
    return mode == 0 ? p[idx] : mode == 1 ? p[0] : p[j];
  };
  if (aMode == 0 && bMode == 0) {
    Map(n, [=](int64_t i) { y[i] = op(a[i], b[i]); });
  } else if (aMode == 0 && bMode == 1) {
    const float s = b[0];
    Map(n, [=](int64_t i) { y[i] = op(a[i], s); });
  } else if (aMode == 1 && bMode == 0) {
    const float s = a[0];
    Map(n, [=](int64_t i) { y[i] = op(s, b[i]); });
  } else if (aMode == 0 && bMode == 2) {
    for (int64_t r = 0; r < outer; r++) {
      const float* ar = a + r * inner;
      float* yr = y + r * inner;
#pragma omp simd
      for (int64_t j = 0; j < inner; j++) yr[j] = op(ar[j], b[j]);
    }
  } else if (aMode == 2 && bMode == 0) {
    for (int64_t r = 0; r < outer; r++) {
      const float* br = b + r * inner;
      float* yr = y + r * inner;
#pragma omp simd
      for (int64_t j = 0; j < inner; j++) yr[j] = op(a[j], br[j]);
    }
  } else {
#pragma omp parallel for schedule(static) if (n >= kParallelMin)
    for (int64_t r = 0; r < outer; r++) {
#pragma omp simd
      for (int64_t j = 0; j < inner; j++) {
        const int64_t idx = r * inner + j;
        y[idx] = op(at(a, aMode, r, j, idx), at(b, bMode, r, j, idx));
      }
    }
  }
}

void Binary(int32_t op, const float* a, int32_t aMode, const float* b, int32_t bMode, float* y, int64_t outer,
            int64_t inner) {
  switch (op) {
    case kAdd: BinaryWith([](float u, float v) { return u + v; }, a, aMode, b, bMode, y, outer, inner); break;
    case kSub: BinaryWith([](float u, float v) { return u - v; }, a, aMode, b, bMode, y, outer, inner); break;
    case kMul: BinaryWith([](float u, float v) { return u * v; }, a, aMode, b, bMode, y, outer, inner); break;
    case kDiv: BinaryWith([](float u, float v) { return u / v; }, a, aMode, b, bMode, y, outer, inner); break;
    default: break;
  }
}

void ReduceSum(const float* x, float* y, int64_t outer, int64_t mid, int64_t inner, float scale) {
  if (inner == 1) {
    // Row sums: 16 fixed lanes, then the lanes in order.
#pragma omp parallel for schedule(static) if (outer * mid >= kParallelMin && outer > 1)
    for (int64_t o = 0; o < outer; o++) {
      const float* row = x + o * mid;
      float lanes[16] = {0};
      int64_t k = 0;
      for (; k + 16 <= mid; k += 16) {
#pragma omp simd
        for (int l = 0; l < 16; l++) lanes[l] += row[k + l];
      }
      float s = 0.0f;
      for (int l = 0; l < 16; l++) s += lanes[l];
      for (; k < mid; k++) s += row[k];
      y[o] = s * scale;
    }
    return;
  }
  // Column sums over `mid` for each (outer, inner): rows added one after another, vectorised over inner.
  for (int64_t o = 0; o < outer; o++) {
    float* out = y + o * inner;
    const float* base = x + o * mid * inner;
    std::fill(out, out + inner, 0.0f);
    for (int64_t m = 0; m < mid; m++) {
      const float* row = base + m * inner;
#pragma omp simd
      for (int64_t j = 0; j < inner; j++) out[j] += row[j];
    }
    if (scale != 1.0f) {
#pragma omp simd
      for (int64_t j = 0; j < inner; j++) out[j] *= scale;
    }
  }
}

}  // namespace gantry
