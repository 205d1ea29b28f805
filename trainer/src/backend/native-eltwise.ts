/**
 * Element-wise kernels and contiguous-axis Sum/Mean for the native backend (trainer/native/src/eltwise.cc). The
 * wasm kernels they replace run ~4 ns per element (bench/README.md); in a DCGAN step they were ~30 % of CPU time
 * once the convolutions ran on oneDNN. Covered: float32, and broadcasts where each operand is the full output, a
 * scalar, or one row repeated over the leading axes (bias / per-channel terms); anything else goes to wasm.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { operandMode, SCALAR, sizeOf } from "./eltwise-shapes.ts";
import type { NativeAddon } from "./native-addon.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

const size = sizeOf;
const heap = (b: BackendWasm): Uint8Array => (b.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
const off = (b: BackendWasm, x: Info): number => b.getMemoryOffset(x.dataId);
const isF32 = (x: Info | undefined): x is Info => x !== undefined && x.dtype === "float32" && size(x.shape) > 0;

/** Unary op codes (kernels.h) and the attribute each reads as `alpha`. */
const UNARY: Record<string, [code: number, alphaAttr: string | null, fallbackAlpha: number]> = {
  Neg: [0, null, 0],
  Relu: [1, null, 0],
  LeakyRelu: [2, "alpha", 0.2],
  // Step is left to the wasm kernel (same results, NaN kept): the addon's ran ~5 ns per element in its parallel path
  // (1944 µs for [64,7,7,128] against wasm's 74, and 12.4 against 7.1 µs at [64,512]; bench/kernels/eltwise.ts).
  Square: [4, null, 0],
};
const BINARY: Record<string, number> = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3 };

function unary(addon: NativeAddon, name: string, fallback: tf.KernelFunc): tf.KernelFunc {
  const [code, alphaAttr, alphaDefault] = UNARY[name]!;
  return (args: KernelArgs) => {
    const x = args.inputs["x"];
    if (!isF32(x)) return fallback(args);
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput([...x.shape], "float32");
    const alpha = alphaAttr ? Number(args.attrs?.[alphaAttr] ?? alphaDefault) : 0;
    addon.unary(heap(backend), code, off(backend, x), off(backend, out), size(x.shape), alpha);
    return out;
  };
}

function binary(addon: NativeAddon, name: string, fallback: tf.KernelFunc): tf.KernelFunc {
  const code = BINARY[name]!;
  return (args: KernelArgs) => {
    const { a, b } = args.inputs;
    if (!isF32(a) || !isF32(b)) return fallback(args);
    const shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const ma = operandMode(a.shape, shape);
    const mb = operandMode(b.shape, shape);
    if (ma === null || mb === null || (shape.length === 0 && (ma !== SCALAR || mb !== SCALAR))) return fallback(args);
    const inner = shape.length === 0 ? 1 : shape[shape.length - 1]!;
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(shape, "float32");
    addon.binary(heap(backend), code, off(backend, a), ma, off(backend, b), mb, off(backend, out), size(shape) / inner, inner);
    return out;
  };
}

/** Sum / Mean over one contiguous run of axes, viewed as [outer, mid, inner] → [outer, inner]. */
function reduce(addon: NativeAddon, mean: boolean, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const x = args.inputs["x"];
    if (!isF32(x)) return fallback(args);
    const axes = tf.util.parseAxisParam(args.attrs?.["axis"] as number | number[], x.shape).sort((p, q) => p - q);
    if (axes.length === 0 || axes.some((ax, i) => i > 0 && ax !== axes[i - 1]! + 1)) return fallback(args);
    const first = axes[0]!;
    const last = axes[axes.length - 1]!;
    const outer = size(x.shape.slice(0, first));
    const mid = size(x.shape.slice(first, last + 1));
    const inner = size(x.shape.slice(last + 1));
    const [reduced] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const shape = args.attrs?.["keepDims"] === true ? tf.backend_util.expandShapeToKeepDim(reduced, axes) : reduced;
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(shape, "float32");
    addon.reduceSum(heap(backend), off(backend, x), off(backend, out), outer, mid, inner, mean ? 1 / mid : 1);
    return out;
  };
}

/** Kernel name → native element-wise kernelFunc, each wrapping the wasm kernel it replaces. */
export function nativeEltwiseKernels(addon: NativeAddon, wasmKernel: (name: string) => tf.KernelFunc): Record<string, tf.KernelFunc> {
  const kernels: Record<string, tf.KernelFunc> = {
    Sum: reduce(addon, false, wasmKernel("Sum")),
    Mean: reduce(addon, true, wasmKernel("Mean")),
  };
  for (const name of Object.keys(UNARY)) kernels[name] = unary(addon, name, wasmKernel(name));
  for (const name of Object.keys(BINARY)) kernels[name] = binary(addon, name, wasmKernel(name));
  return kernels;
}
