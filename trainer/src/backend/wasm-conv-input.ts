/**
 * Conv2DBackpropInput (= conv2dTranspose, and the input-gradient of conv2d) on wasm as one
 * ordinary XNNPACK convolution.
 *
 * The stock wasm kernel is a scalar C++ loop (~0.65 s for the DCGAN 7x7x128 -> 14x14x64 layer
 * at batch 64). Sub-pixel decomposition: with stride s, output row p (offset by the top pad,
 * p + padTop = s*m + r) only sees filter taps a ≡ r (mod s). For each phase r the taps form a
 * stride-1 correlation of dy with the flipped sub-filter w[r + s*(U-1-v)], U = ceil(k/s). All
 * s*s phases are stacked as output channels of a single [U, U, Cout, s*s*Cin] filter, so:
 *   dx = slice(depthToSpace(conv2d(pad(dy), G, stride 1), s), padTop, padLeft)
 * (depthToSpace done as reshape + transpose, see wasm-layout.ts)
 * which does k²/s² taps per output like the direct method, but in XNNPACK's vectorised GEMM
 * instead of an inner scalar loop.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { callKernel, disposeInfos, type Info, replaceWasmKernel, kernelScope } from "./wasm-kernel-util.ts";
import { depthToSpaceNHWC } from "./wasm-layout.ts";
import { convInputViaPhases, phasesApply } from "./wasm-conv-phases.ts";

/**
 * Narrowest dx (channels) that takes the per-phase convs: below it each phase conv is a
 * few-channel XNNPACK output (slow per MAC) and the GEMM + col2im path is faster.
 */
const PHASES_MIN_CIN = 8;

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Shape4 = [number, number, number, number];

/**
 * Builds G[vh, vw, co, (rh*s + rw)*Cin + ci] = w[rh + s*(U-1-vh), rw + s*(U-1-vw), ci, co]
 * (zero where the tap index runs past the filter) from w: [kh, kw, Cin, Cout]. A plain loop
 * over the heap: the filter is small, and the same shuffle through the Reverse and 6-d
 * Transpose kernels cost ~45 ms for a 4x4x64x128 filter.
 */
function phaseFilter(w: Info, s: number, uh: number, uw: number, backend: BackendWasm): Info {
  const [kh, kw, cin, cout] = w.shape as Shape4;
  const depth = s * s * cin;
  const out = backend.makeOutput([uh, uw, cout, depth], "float32");
  // Views are taken after the allocation: growing the heap detaches older views.
  const src = backend.typedArrayFromHeap(w);
  const dst = backend.typedArrayFromHeap(out);
  dst.fill(0);
  for (let vh = 0; vh < uh; vh++) {
    for (let rh = 0; rh < s; rh++) {
      const a = rh + s * (uh - 1 - vh);
      if (a >= kh) continue;
      for (let vw = 0; vw < uw; vw++) {
        for (let rw = 0; rw < s; rw++) {
          const b = rw + s * (uw - 1 - vw);
          if (b >= kw) continue;
          const srcBase = (a * kw + b) * cin * cout;
          const dstBase = (vh * uw + vw) * cout * depth + (rh * s + rw) * cin;
          for (let ci = 0; ci < cin; ci++) {
            for (let co = 0; co < cout; co++) dst[dstBase + co * depth + ci] = src[srcBase + ci * cout + co]!;
          }
        }
      }
    }
  }
  return out;
}

/** The sub-pixel formulation; assumes NHWC and equal strides (checked by the caller). */
function viaConv(dy: Info, w: Info, inputShape: Shape4, info: tf.backend_util.Conv2DInfo, backend: object): Info {
  const temps: Info[] = [];
  try {
    const s = info.strideHeight;
    const [n, hin, win, cin] = inputShape;
    const [, ho, wo] = dy.shape as Shape4;
    const uh = Math.ceil(info.filterHeight / s);
    const uw = Math.ceil(info.filterWidth / s);
    const mh = Math.ceil((hin + info.padInfo.top) / s);
    const mw = Math.ceil((win + info.padInfo.left) / s);
    // dy rows at or past mh contribute to nothing inside dx; drop them if present.
    let src = dy;
    if (mh < ho || mw < wo) {
      src = callKernel("Slice", { inputs: { x: dy }, backend, attrs: { begin: [0, 0, 0, 0], size: [n, Math.min(ho, mh), Math.min(wo, mw), dy.shape[3]!] } });
      temps.push(src);
    }
    const g = phaseFilter(w, s, uh, uw, backend as BackendWasm);
    temps.push(g);
    const pad = [[0, 0], [uh - 1, mh - src.shape[1]!], [uw - 1, mw - src.shape[2]!], [0, 0]];
    const z = callKernel("Conv2D", {
      inputs: { x: src, filter: g }, backend,
      attrs: { strides: 1, pad, dataFormat: "NHWC", dilations: 1 },
    });
    temps.push(z);
    let y = z;
    if (s > 1) {
      // Not the DepthToSpace kernel: the stock wasm one is a slow generic loop.
      y = depthToSpaceNHWC(z, s, backend);
      temps.push(y);
    }
    const { top, left } = info.padInfo;
    if (top === 0 && left === 0 && y.shape[1] === hin && y.shape[2] === win) {
      temps.pop(); // y itself is the result
      return y;
    }
    return callKernel("Slice", { inputs: { x: y }, backend, attrs: { begin: [0, top, left, 0], size: [n, hin, win, cin] } });
  } finally {
    disposeInfos(backend, temps);
  }
}

/**
 * dx = col2im(dy · Wᵀ): one GEMM [N·Ho·Wo, Cout] x [Cout, kh·kw·Cin] (every product is a
 * useful tap, unlike the stacked phases, whose padded output rows/cols are ~25% waste for
 * k4 s2 "same"), then a JS scatter-add of each column block into its input pixel, which also
 * does the crop and the depth-to-space shuffle that cost a Slice + Transpose (a channel-1 Slice
 * alone took ~12 ms at batch 64 in the stock kernel).
 */
function viaGemm(dy: Info, w: Info, inputShape: Shape4, info: tf.backend_util.Conv2DInfo, backend: object): Info {
  const [n, hin, win, cin] = inputShape;
  const [, ho, wo, cout] = dy.shape as Shape4;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  const taps = kh * kw * cin;
  const { run, temps } = kernelScope(backend);
  try {
    const a = run("Reshape", { x: dy }, { shape: [1, n * ho * wo, cout] });
    const b = run("Reshape", { x: w }, { shape: [1, taps, cout] });
    const cols = run("BatchMatMul", { a, b }, { transposeA: false, transposeB: true });
    const wasm = backend as BackendWasm;
    const out = wasm.makeOutput([n, hin, win, cin], "float32");
    // Views are taken after the allocation: growing the heap detaches older views.
    const src = wasm.typedArrayFromHeap(cols) as Float32Array;
    const dst = wasm.typedArrayFromHeap(out) as Float32Array;
    dst.fill(0);
    let row = 0;
    for (let b0 = 0; b0 < n; b0++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++, row += taps) {
          for (let ka = 0; ka < kh; ka++) {
            const p = sh * i + ka - top;
            if (p < 0 || p >= hin) continue;
            for (let kb = 0; kb < kw; kb++) {
              const q = sw * j + kb - left;
              if (q < 0 || q >= win) continue;
              const s0 = row + (ka * kw + kb) * cin;
              const d0 = ((b0 * hin + p) * win + q) * cin;
              for (let c = 0; c < cin; c++) dst[d0 + c]! += src[s0 + c]!;
            }
          }
        }
      }
    }
    return out;
  } finally {
    disposeInfos(backend, temps);
  }
}

/** Installs the replacement Conv2DBackpropInput for wasm (falls back to stock when disabled). */
export function installWasmConvBackpropInput(): void {
  replaceWasmKernel("Conv2DBackpropInput", (stock) => (args: KernelArgs) => {
    const { inputs, backend, attrs = {} } = args;
    const dy = inputs["dy"];
    const filter = inputs["filter"];
    if (dy === undefined || filter === undefined) throw new Error("Conv2DBackpropInput: missing dy or filter");
    const inputShape = attrs["inputShape"] as Shape4;
    const nhwc = (attrs["dataFormat"] ?? "NHWC") === "NHWC";
    const info = tf.backend_util.computeConv2DInfo(
      inputShape, filter.shape as Shape4, attrs["strides"] as number | [number, number], 1,
      attrs["pad"] as "same" | "valid" | number, attrs["dimRoundingMode"] as "floor" | "round" | "ceil" | undefined,
      false, "channelsLast");
    const phased = nhwc && patchOn("convInputPhases") && phasesApply(info, inputShape, dy.shape as Shape4) &&
      (inputShape[3] >= PHASES_MIN_CIN || !patchOn("convInputGemm"));
    if (phased) return convInputViaPhases(dy, filter, inputShape, info, backend);
    if (nhwc && patchOn("convInputGemm")) return viaGemm(dy, filter, inputShape, info, backend);
    const usable = nhwc && info.strideHeight === info.strideWidth && patchOn("convBackpropInput");
    if (!usable && stock !== undefined) return stock(args);
    return viaConv(dy, filter, inputShape, info, backend);
  });
}
