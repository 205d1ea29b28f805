// 2-D convolutions (forward, input gradient, filter gradient) through oneDNN primitives.
//
// Activations stay NHWC in the wasm heap and are handed to oneDNN as they are: its AVX-512/AVX2
// kernels take NHWC directly. Weights are declared "any" so oneDNN picks its blocked layout;
// TF.js' [fh, fw, cin, cout] (oneDNN's "hwio") is reordered to and from it on each call, which
// is small next to the convolution (at most fh·fw·cin·cout floats). Primitives are built once per
// geometry and cached: creating one costs milliseconds, a training step reuses a handful.
#include <dnnl.hpp>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include "kernels.h"
#include "onednn.h"

namespace gantry {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;

struct ConvPlan {
  memory::desc x, y, userW;  // NHWC src/dst, hwio weights as TF.js stores them
  memory::desc w;            // the primitive's weights layout
  dnnl::primitive prim;
  bool reorderW = false;
  dnnl::reorder toPrim, fromPrim;  // userW -> w (forward, backward data), w -> userW (backward filter)
};

std::string Key(int32_t mode, const ConvGeometry& g) {
  const int64_t v[] = {mode, g.n, g.h, g.w, g.cin, g.oh, g.ow, g.cout, g.fh, g.fw, g.sh, g.sw, g.dh, g.dw,
                       g.pt, g.pl, g.pb, g.pr};
  return std::string(reinterpret_cast<const char*>(v), sizeof(v));
}

std::unique_ptr<ConvPlan> MakePlan(int32_t mode, const ConvGeometry& g) {
  auto plan = std::make_unique<ConvPlan>();
  auto& eng = Engine();
  plan->x = memory::desc({g.n, g.cin, g.h, g.w}, dt::f32, tag::nhwc);
  plan->y = memory::desc({g.n, g.cout, g.oh, g.ow}, dt::f32, tag::nhwc);
  plan->userW = memory::desc({g.cout, g.cin, g.fh, g.fw}, dt::f32, tag::hwio);
  memory::desc anyW({g.cout, g.cin, g.fh, g.fw}, dt::f32, tag::any);
  // oneDNN counts dilation from 0 (0 = dense); TF.js from 1.
  memory::dims strides{g.sh, g.sw}, dil{g.dh - 1, g.dw - 1}, padL{g.pt, g.pl}, padR{g.pb, g.pr};
  dnnl::convolution_forward::desc fwd(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct,
                                      plan->x, anyW, plan->y, strides, dil, padL, padR);
  dnnl::convolution_forward::primitive_desc fwdPd(fwd, eng);
  if (mode == kForward) {
    plan->w = fwdPd.weights_desc();
    plan->prim = dnnl::convolution_forward(fwdPd);
  } else if (mode == kBackwardData) {
    dnnl::convolution_backward_data::desc bwd(dnnl::algorithm::convolution_direct, plan->x, anyW, plan->y, strides,
                                              dil, padL, padR);
    dnnl::convolution_backward_data::primitive_desc pd(bwd, eng, fwdPd);
    plan->w = pd.weights_desc();
    plan->prim = dnnl::convolution_backward_data(pd);
  } else {
    dnnl::convolution_backward_weights::desc bwd(dnnl::algorithm::convolution_direct, plan->x, anyW, plan->y,
                                                 strides, dil, padL, padR);
    dnnl::convolution_backward_weights::primitive_desc pd(bwd, eng, fwdPd);
    plan->w = pd.diff_weights_desc();
    plan->prim = dnnl::convolution_backward_weights(pd);
  }
  plan->reorderW = plan->w != plan->userW;
  if (plan->reorderW) {
    if (mode == kBackwardFilter) {
      plan->fromPrim = dnnl::reorder(dnnl::reorder::primitive_desc(eng, plan->w, eng, plan->userW));
    } else {
      plan->toPrim = dnnl::reorder(dnnl::reorder::primitive_desc(eng, plan->userW, eng, plan->w));
    }
  }
  return plan;
}

// Plans per calling thread, like the stream (onednn.h).
thread_local std::unordered_map<std::string, std::unique_ptr<ConvPlan>> plans;

}  // namespace

bool Conv(int32_t mode, const ConvGeometry& g, const float* in0, const float* in1, float* out) {
  const std::string key = Key(mode, g);
  auto it = plans.find(key);
  if (it == plans.end()) {
    try {
      it = plans.emplace(key, MakePlan(mode, g)).first;
    } catch (const dnnl::error&) {
      return false;
    }
  }
  ConvPlan& p = *it->second;
  auto& eng = Engine();
  auto& s = Stream();
  auto ptr = [](const float* f) { return const_cast<float*>(f); };
  if (mode == kForward || mode == kBackwardData) {
    memory userW(p.userW, eng, ptr(in1));
    memory w = userW;
    if (p.reorderW) {
      w = memory(p.w, eng);
      p.toPrim.execute(s, userW, w);
    }
    if (mode == kForward) {
      memory x(p.x, eng, ptr(in0)), y(p.y, eng, out);
      p.prim.execute(s, {{DNNL_ARG_SRC, x}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DST, y}});
    } else {
      memory dy(p.y, eng, ptr(in0)), dx(p.x, eng, out);
      p.prim.execute(s, {{DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DIFF_SRC, dx}});
    }
  } else {
    memory x(p.x, eng, ptr(in0)), dy(p.y, eng, ptr(in1)), userW(p.userW, eng, out);
    memory dw = p.reorderW ? memory(p.w, eng) : userW;
    p.prim.execute(s, {{DNNL_ARG_SRC, x}, {DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_DIFF_WEIGHTS, dw}});
    if (p.reorderW) p.fromPrim.execute(s, dw, userW);
  }
  s.wait();
  return true;
}

}  // namespace gantry
