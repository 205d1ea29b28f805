// The oneDNN engine and the calling thread's stream, shared by every primitive-based kernel (conv.cc, batchnorm.cc).
#pragma once
#include <dnnl.hpp>

namespace gantry {

inline dnnl::engine& Engine() {
  static dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  return eng;
}

// One stream per calling thread: the API's inference workers (worker_threads) call in concurrently, and each
// kernel's plan cache is per thread too, so a plan's primitives are never shared between two threads.
inline dnnl::stream& Stream() {
  thread_local dnnl::stream s(Engine());
  return s;
}

}  // namespace gantry
