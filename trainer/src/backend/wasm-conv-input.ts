/**
 * Conv2DBackpropInput (= conv2dTranspose, and the input-gradient of conv2d) on wasm.
 *
 * The stock wasm kernel is a scalar C++ loop (~0.65 s for the DCGAN 7x7x128 -> 14x14x64 layer at batch 64).
 * Wide dx (Cin >= 8) takes one stride-1 XNNPACK conv per output phase (wasm-conv-phases.ts); narrow dx, where
 * those convs would have few output channels, takes one GEMM plus a JS col2im here.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { disposeInfos, type Info, replaceWasmKernel, kernelScope } from "./wasm-kernel-util.ts";
import { convInputViaPhases, planPhases } from "./wasm-conv-phases.ts";

/**
 * Narrowest dx (channels) that takes the per-phase convs: below it each phase conv is a
 * few-channel XNNPACK output (slow per MAC) and the GEMM + col2im path is faster.
 */
const PHASES_MIN_CIN = 8;

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Shape4 = [number, number, number, number];

/**
 * dx = col2im(dy · Wᵀ): one GEMM [N·Ho·Wo, Cout] x [Cout, kh·kw·Cin] (every product is a
 * useful tap), then a JS scatter-add of each column block into its input pixel, which also
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

/** Installs the replacement Conv2DBackpropInput for wasm (the stock kernel serves NCHW and disabled patches). */
export function installWasmConvBackpropInput(): void {
  replaceWasmKernel("Conv2DBackpropInput", (stock) => {
    if (stock === undefined) throw new Error("tfjs-backend-wasm has no Conv2DBackpropInput kernel");
    return (args: KernelArgs) => {
      const { inputs, backend, attrs = {} } = args;
      const dy = inputs["dy"];
      const filter = inputs["filter"];
      if (dy === undefined || filter === undefined) throw new Error("Conv2DBackpropInput: missing dy or filter");
      if ((attrs["dataFormat"] ?? "NHWC") !== "NHWC") return stock(args);
      const inputShape = attrs["inputShape"] as Shape4;
      const info = tf.backend_util.computeConv2DInfo(
        inputShape,
        filter.shape as Shape4,
        attrs["strides"] as number | [number, number],
        1,
        attrs["pad"] as "same" | "valid" | number,
        attrs["dimRoundingMode"] as "floor" | "round" | "ceil" | undefined,
        false,
        "channelsLast",
      );
      const plan =
        patchOn("convInputPhases") && (inputShape[3] >= PHASES_MIN_CIN || !patchOn("convInputGemm"))
          ? planPhases(info, inputShape, dy.shape as Shape4)
          : null;
      if (plan) return convInputViaPhases(dy, filter, plan, backend);
      if (patchOn("convInputGemm")) return viaGemm(dy, filter, inputShape, info, backend);
      return stock(args);
    };
  });
}
