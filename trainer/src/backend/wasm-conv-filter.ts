/**
 * Conv2DBackpropFilter for wasm, which tfjs-backend-wasm does not ship at all (so the filter
 * gradient of every conv2d / conv2dTranspose failed on wasm).
 *
 * dW[a,b,ci,co] = Σ_{n,i,j} xpad[n, s·i+a, s·j+b, ci] · dy[n,i,j,co] is itself a convolution:
 * treat ci as the batch, n as the input channel and dy as a [Ho, Wo, N, Cout] filter dilated
 * by the stride. One XNNPACK conv on transposed operands:
 *   dW = transpose(conv2d(transpose(x,[3,1,2,0]), transpose(dy,[1,2,0,3]),
 *                         stride 1, dilation s, pad [top, bottom']), [1,2,0,3])
 * where bottom' makes the output exactly kh rows (x rows past the last tap are cropped).
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { patchOn } from "./patches.ts";
import { callKernel, disposeInfos, type Info, replaceWasmKernel, kernelScope } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Shape4 = [number, number, number, number];

/**
 * dW = im2col(x)ᵀ · dy: a JS gather of the [N·Ho·Wo, kh·kw·Cin] patch matrix (zeros in the
 * padding), then one GEMM. Needs no transposes of x or dy (~5 ms for a [64,14,14,64] x), and
 * for Cin = 1 it replaces a batch-1 conv with a 16x16 output that XNNPACK runs at ~1/6 of its
 * usual rate (~10 ms for the 4x4x1x64 DCGAN layer at batch 64).
 */
function viaGemm(x: Info, dy: Info, info: tf.backend_util.Conv2DInfo, backend: object): Info {
  const [n, hin, win, cin] = x.shape as Shape4;
  const [, ho, wo, cout] = dy.shape as Shape4;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  const taps = kh * kw * cin;
  const wasm = backend as BackendWasm;
  const { run, temps } = kernelScope(backend);
  try {
    const patches = wasm.makeOutput([1, n * ho * wo, taps], "float32");
    temps.push(patches);
    // Views are taken after the allocation: growing the heap detaches older views.
    const src = wasm.typedArrayFromHeap(x) as Float32Array;
    const dst = wasm.typedArrayFromHeap(patches) as Float32Array;
    let row = 0;
    for (let b0 = 0; b0 < n; b0++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++, row += taps) {
          for (let ka = 0; ka < kh; ka++) {
            const p = sh * i + ka - top;
            const d0 = row + ka * kw * cin;
            if (p < 0 || p >= hin) {
              dst.fill(0, d0, d0 + kw * cin);
              continue;
            }
            for (let kb = 0; kb < kw; kb++) {
              const q = sw * j + kb - left;
              const d1 = d0 + kb * cin;
              if (q < 0 || q >= win) dst.fill(0, d1, d1 + cin);
              else if (cin === 1) dst[d1] = src[(b0 * hin + p) * win + q]!;
              else dst.set(src.subarray(((b0 * hin + p) * win + q) * cin, ((b0 * hin + p) * win + q + 1) * cin), d1);
            }
          }
        }
      }
    }
    const b = run("Reshape", { x: dy }, { shape: [1, n * ho * wo, cout] });
    const dw = run("BatchMatMul", { a: patches, b }, { transposeA: true, transposeB: false });
    return callKernel("Reshape", { inputs: { x: dw }, backend, attrs: { shape: [kh, kw, cin, cout] } });
  } finally {
    disposeInfos(backend, temps);
  }
}

/** Widest x (channels) that takes the im2col path. */
const GEMM_MAX_CIN = 4;

function backpropFilter(args: KernelArgs): Info {
  const { inputs, backend, attrs = {} } = args;
  const x = inputs["x"];
  const dy = inputs["dy"];
  if (x === undefined || dy === undefined) throw new Error("Conv2DBackpropFilter: missing x or dy");
  if ((attrs["dataFormat"] ?? "NHWC") !== "NHWC") {
    throw new Error("wasm Conv2DBackpropFilter supports dataFormat NHWC only (as does wasm Conv2D)");
  }
  const filterShape = attrs["filterShape"] as Shape4;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    attrs["strides"] as number | [number, number],
    1,
    attrs["pad"] as "same" | "valid" | number,
    attrs["dimRoundingMode"] as "floor" | "round" | "ceil" | undefined,
    false,
    "channelsLast",
  );
  // Only for a few input channels: for wide x the big transposed GEMM measured ~25% slower
  // than the dilated conv (DCGAN layer 2 at batch 64).
  if (x.shape[3]! <= GEMM_MAX_CIN && patchOn("convFilterGemm")) return viaGemm(x, dy, info, backend);
  const [n, hin, win, cin] = x.shape as Shape4;
  const [, ho, wo] = dy.shape as Shape4;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  // Rows needed: top pad + input must span s*(Ho-1) + k; extra input rows are cropped.
  const bottom = kh + sh * (ho - 1) - hin - top;
  const right = kw + sw * (wo - 1) - win - left;
  const { run, temps } = kernelScope(backend);
  try {
    let src = x;
    if (bottom < 0 || right < 0) {
      const size = [n, hin + Math.min(0, bottom), win + Math.min(0, right), cin];
      src = run("Slice", { x }, { begin: [0, 0, 0, 0], size });
    }
    const xt = run("Transpose", { x: src }, { perm: [3, 1, 2, 0] });
    const dyt = run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] });
    const pad = [
      [0, 0],
      [top, Math.max(0, bottom)],
      [left, Math.max(0, right)],
      [0, 0],
    ];
    const out = run("Conv2D", { x: xt, filter: dyt }, { strides: 1, pad, dataFormat: "NHWC", dilations: [sh, sw] });
    return callKernel("Transpose", { inputs: { x: out }, backend, attrs: { perm: [1, 2, 0, 3] } });
  } finally {
    disposeInfos(backend, temps);
  }
}

/** Registers Conv2DBackpropFilter for wasm (replacing nothing: the stock backend lacks it). */
export function installWasmConvBackpropFilter(): void {
  replaceWasmKernel("Conv2DBackpropFilter", (stock) => stock ?? backpropFilter);
}
