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
import * as tf from "@tensorflow/tfjs-core";
import { callKernel, disposeInfos, type Info, replaceWasmKernel } from "./wasm-kernel-util.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Shape4 = [number, number, number, number];

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
    x.shape as Shape4, filterShape, attrs["strides"] as number | [number, number], 1,
    attrs["pad"] as "same" | "valid" | number, attrs["dimRoundingMode"] as "floor" | "round" | "ceil" | undefined,
    false, "channelsLast");
  const [n, hin, win, cin] = x.shape as Shape4;
  const [, ho, wo] = dy.shape as Shape4;
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const { top, left } = info.padInfo;
  // Rows needed: top pad + input must span s*(Ho-1) + k; extra input rows are cropped.
  const bottom = kh + sh * (ho - 1) - hin - top;
  const right = kw + sw * (wo - 1) - win - left;
  const temps: Info[] = [];
  const run = (name: string, ins: Record<string, Info>, a: tf.NamedAttrMap): Info => {
    const out = callKernel(name, { inputs: ins, backend, attrs: a });
    temps.push(out);
    return out;
  };
  try {
    let src = x;
    if (bottom < 0 || right < 0) {
      const size = [n, hin + Math.min(0, bottom), win + Math.min(0, right), cin];
      src = run("Slice", { x }, { begin: [0, 0, 0, 0], size });
    }
    const xt = run("Transpose", { x: src }, { perm: [3, 1, 2, 0] });
    const dyt = run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] });
    const pad = [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]];
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
