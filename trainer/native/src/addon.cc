// N-API surface of Gantry's native kernels. Every call is synchronous and receives the wasm
// heap (a Float32Array over the module's memory) plus byte offsets of the tensors in it, so the
// kernels read and write TF.js tensors in place.
#include <napi.h>
#include <dnnl.h>
#include <omp.h>
#include "kernels.h"

namespace {

// Base address of the heap view (works for shared and non-shared memories alike).
char* HeapBase(const Napi::Value& v) {
  napi_typedarray_type type;
  size_t length;
  void* data = nullptr;
  napi_value buffer;
  size_t offset;
  napi_get_typedarray_info(v.Env(), v, &type, &length, &data, &buffer, &offset);
  return static_cast<char*>(data);
}

int64_t I(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().Int64Value(); }

// gemm(heap, aOff, bOff, cOff, batchA, batchB, m, n, k, transA, transB, biasOff, biasLen, act, alpha)
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  auto* a = reinterpret_cast<const float*>(heap + I(info, 1));
  auto* b = reinterpret_cast<const float*>(heap + I(info, 2));
  auto* c = reinterpret_cast<float*>(heap + I(info, 3));
  const int64_t batchA = I(info, 4), batchB = I(info, 5), m = I(info, 6), n = I(info, 7), k = I(info, 8);
  gantry::Gemm(a, b, c, batchA, batchB, m, n, k, info[9].ToBoolean(), info[10].ToBoolean());
  const int64_t biasOff = I(info, 11);
  const int32_t act = static_cast<int32_t>(I(info, 13));
  if (biasOff >= 0 || act != gantry::kLinear) {
    const float* bias = biasOff >= 0 ? reinterpret_cast<const float*>(heap + biasOff) : nullptr;
    const int64_t batch = batchA > batchB ? batchA : batchB;
    gantry::BiasActivation(c, batch * m, n, bias, I(info, 12), act, info[14].As<Napi::Number>().FloatValue());
  }
  return info.Env().Undefined();
}

// conv(heap, mode, geometry: number[17], in0Off, in1Off, outOff) -> whether oneDNN ran it
Napi::Value Conv(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  auto geom = info[2].As<Napi::Array>();
  int64_t v[17];
  for (uint32_t i = 0; i < 17; i++) v[i] = geom.Get(i).As<Napi::Number>().Int64Value();
  gantry::ConvGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                         v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16]};
  bool ok = gantry::Conv(static_cast<int32_t>(I(info, 1)), g, reinterpret_cast<const float*>(heap + I(info, 3)),
                         reinterpret_cast<const float*>(heap + I(info, 4)), reinterpret_cast<float*>(heap + I(info, 5)));
  return Napi::Boolean::New(info.Env(), ok);
}

// unary(heap, op, xOff, yOff, n, alpha)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  gantry::Unary(static_cast<int32_t>(I(info, 1)), reinterpret_cast<const float*>(heap + I(info, 2)),
                reinterpret_cast<float*>(heap + I(info, 3)), I(info, 4), info[5].As<Napi::Number>().FloatValue());
  return info.Env().Undefined();
}

// binary(heap, op, aOff, aMode, bOff, bMode, yOff, outer, inner)
Napi::Value Binary(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  gantry::Binary(static_cast<int32_t>(I(info, 1)), reinterpret_cast<const float*>(heap + I(info, 2)),
                 static_cast<int32_t>(I(info, 3)), reinterpret_cast<const float*>(heap + I(info, 4)),
                 static_cast<int32_t>(I(info, 5)), reinterpret_cast<float*>(heap + I(info, 6)), I(info, 7), I(info, 8));
  return info.Env().Undefined();
}

// reduceSum(heap, xOff, yOff, outer, mid, inner, scale)
Napi::Value ReduceSum(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  gantry::ReduceSum(reinterpret_cast<const float*>(heap + I(info, 1)), reinterpret_cast<float*>(heap + I(info, 2)),
                    I(info, 3), I(info, 4), I(info, 5), info[6].As<Napi::Number>().FloatValue());
  return info.Env().Undefined();
}

// batchNormForward(heap, training, xOff, gammaOff, betaOff, meanOff, varianceOff, yOff, rows, c, eps) -> ran
Napi::Value BatchNormForward(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  auto at = [&](size_t i) { return reinterpret_cast<float*>(heap + I(info, i)); };
  bool ok = gantry::BatchNormForward(info[1].ToBoolean(), at(2), at(3), at(4), at(5), at(6), at(7), I(info, 8),
                                     I(info, 9), info[10].As<Napi::Number>().FloatValue());
  return Napi::Boolean::New(info.Env(), ok);
}

// batchNormBackward(heap, dyOff, xOff, meanOff, varianceOff, gammaOff, dxOff, dgammaOff, dbetaOff, rows, c, eps) -> ran
Napi::Value BatchNormBackward(const Napi::CallbackInfo& info) {
  char* heap = HeapBase(info[0]);
  auto at = [&](size_t i) { return reinterpret_cast<float*>(heap + I(info, i)); };
  bool ok = gantry::BatchNormBackward(at(1), at(2), at(3), at(4), at(5), at(6), at(7), at(8), I(info, 9), I(info, 10),
                                      info[11].As<Napi::Number>().FloatValue());
  return Napi::Boolean::New(info.Env(), ok);
}

Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  omp_set_num_threads(static_cast<int>(I(info, 0)));
  return info.Env().Undefined();
}

Napi::Value Threads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), omp_get_max_threads());
}

Napi::Value Version(const Napi::CallbackInfo& info) {
  const dnnl_version_t* v = dnnl_version();
  return Napi::String::New(info.Env(), std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                                           std::to_string(v->patch));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("gemm", Napi::Function::New(env, Gemm));
  exports.Set("conv", Napi::Function::New(env, Conv));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("reduceSum", Napi::Function::New(env, ReduceSum));
  exports.Set("batchNormForward", Napi::Function::New(env, BatchNormForward));
  exports.Set("batchNormBackward", Napi::Function::New(env, BatchNormBackward));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  exports.Set("threads", Napi::Function::New(env, Threads));
  exports.Set("version", Napi::Function::New(env, Version));
  return exports;
}

}  // namespace

NODE_API_MODULE(gantry_native, Init)
