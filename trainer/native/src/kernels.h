// Kernels of Gantry's native backend. Every pointer points into the wasm heap of the TF.js
// backend (tensors stay where TF.js put them; nothing is copied in or out).
#pragma once
#include <cstdint>

namespace gantry {

// Activation codes shared with trainer/src/backend/native-kernels.ts.
enum Activation : int32_t { kLinear = 0, kRelu = 1, kRelu6 = 2, kLeakyRelu = 3, kElu = 4, kSigmoid = 5 };

// c[b] = op(a[b]) * op(b[b]) for b in batch, row-major; a batch count of 1 broadcasts.
void Gemm(const float* a, const float* b, float* c, int64_t batchA, int64_t batchB, int64_t m, int64_t n,
          int64_t k, bool transA, bool transB);

// In place on c [rows, n]: c += bias (bias of biasLen = n per row, or 1), then the activation.
void BiasActivation(float* c, int64_t rows, int64_t n, const float* bias, int64_t biasLen, int32_t act,
                    float alpha);

// NHWC activations, filter [fh, fw, cin, cout] (TF.js layout). `g` holds the geometry.
struct ConvGeometry {
  int64_t n, h, w, cin, oh, ow, cout, fh, fw, sh, sw, dh, dw, pt, pl, pb, pr;
};
enum ConvMode : int32_t { kForward = 0, kBackwardData = 1, kBackwardFilter = 2 };
// Forward: (x, filter) -> y. BackwardData: (dy, filter) -> dx. BackwardFilter: (x, dy) -> dfilter.
// Returns false when oneDNN has no implementation for the geometry (the caller falls back).
bool Conv(int32_t mode, const ConvGeometry& g, const float* in0, const float* in1, float* out);


// Element-wise ops (codes shared with native-eltwise.ts).
// 3 was Step, now left to the wasm kernel (native-eltwise.ts says why).
enum UnaryOp : int32_t { kNeg = 0, kReluOp = 1, kLeakyReluOp = 2, kSquare = 4 };
void Unary(int32_t op, const float* x, float* y, int64_t n, float alpha);
enum BinaryOp : int32_t { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3 };
// a, b: mode 0 = full [outer, inner], 1 = scalar, 2 = a row of `inner` repeated over `outer`.
void Binary(int32_t op, const float* a, int32_t aMode, const float* b, int32_t bMode, float* y, int64_t outer,
            int64_t inner);
// x viewed as [outer, mid, inner]: y[o, i] = scale * sum over m of x[o, m, i].
void ReduceSum(const float* x, float* y, int64_t outer, int64_t mid, int64_t inner, float scale);


// Batch norm over x viewed as [rows, c] (every axis but the last). Training: writes y and the batch mean and biased
// variance into mean / variance; inference: reads them. Backward: (dy, x, mean, variance, gamma) -> dx, dgamma,
// dbeta. Return false when oneDNN has no implementation (the caller falls back).
bool BatchNormForward(bool training, const float* x, const float* gamma, const float* beta, float* mean,
                      float* variance, float* y, int64_t rows, int64_t c, float eps);
bool BatchNormBackward(const float* dy, const float* x, const float* mean, const float* variance, const float* gamma,
                       float* dx, float* dgamma, float* dbeta, int64_t rows, int64_t c, float eps);

}  // namespace gantry
