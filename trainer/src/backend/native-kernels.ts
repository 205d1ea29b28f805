/**
 * The native backend's own kernels: GEMMs and convolutions run by oneDNN directly on the wasm heap
 * (native-backend.ts explains the design). Each kernel handles the common float32 NHWC cases and
 * hands everything else (other dtypes, NCHW, PReLU, uncommon broadcasts, empty tensors) to the
 * wasm kernel of the same name, so the backend is complete by construction.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import type { NativeAddon } from "./native-addon.ts";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;
type Shape4 = [number, number, number, number];

/** Activation codes of kernels.h. */
const ACTIVATIONS: Record<string, number> = { linear: 0, relu: 1, relu6: 2, leakyrelu: 3, elu: 4, sigmoid: 5 };

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const f32 = (...xs: (Info | undefined)[]): boolean => xs.every((x) => x === undefined || (x.dtype === "float32" && size(x.shape) > 0));

/** Heap view and byte offsets; the view is read after every allocation (growth replaces the buffer). */
function heap(b: BackendWasm): Uint8Array {
  return (b.wasm as unknown as { HEAPU8: Uint8Array }).HEAPU8;
}
const off = (b: BackendWasm, x: Info): number => b.getMemoryOffset(x.dataId);

/** BatchMatMul and _FusedMatMul: one sgemm per batch entry (a batch of 1 broadcasts), bias + activation fused after. */
function matMul(addon: NativeAddon, fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, attrs = {} } = args;
    const backend = args.backend as BackendWasm;
    const { a, b, bias } = inputs;
    const act = ACTIVATIONS[String(attrs["activation"] ?? "linear")];
    if (
      a === undefined ||
      b === undefined ||
      act === undefined ||
      inputs["preluActivationWeights"] !== undefined ||
      !f32(a, b, bias) ||
      a.shape.length < 2 ||
      b.shape.length < 2
    )
      return fallback(args);
    const ta = attrs["transposeA"] === true;
    const tb = attrs["transposeB"] === true;
    const ra = a.shape.length;
    const rb = b.shape.length;
    const m = ta ? a.shape[ra - 1]! : a.shape[ra - 2]!;
    const k = ta ? a.shape[ra - 2]! : a.shape[ra - 1]!;
    const n = tb ? b.shape[rb - 2]! : b.shape[rb - 1]!;
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = size(outerA);
    const batchB = size(outerB);
    // Only "one side broadcasts whole" or "same batch shape"; partial broadcasts go to wasm.
    const sameOuter = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
    if (!(batchA === 1 || batchB === 1 || sameOuter)) return fallback(args);
    const biasSize = bias === undefined ? 0 : size(bias.shape);
    if (bias !== undefined && !(biasSize === 1 || (biasSize === n && bias.shape[bias.shape.length - 1] === n))) {
      return fallback(args);
    }
    const outer = batchA >= batchB ? outerA : outerB;
    const out = backend.makeOutput([...outer, m, n], "float32");
    addon.gemm(
      heap(backend),
      off(backend, a),
      off(backend, b),
      off(backend, out),
      batchA,
      batchB,
      m,
      n,
      k,
      ta,
      tb,
      bias === undefined ? -1 : off(backend, bias),
      biasSize,
      act,
      Number(attrs["leakyreluAlpha"] ?? 0.2),
    );
    return out;
  };
}

/** ConvGeometry (kernels.h) of a TF.js conv info. */
function geometry(c: tf.backend_util.Conv2DInfo): number[] {
  const p = c.padInfo;
  return [
    c.batchSize,
    c.inHeight,
    c.inWidth,
    c.inChannels,
    c.outHeight,
    c.outWidth,
    c.outChannels,
    c.filterHeight,
    c.filterWidth,
    c.strideHeight,
    c.strideWidth,
    c.dilationHeight,
    c.dilationWidth,
    p.top,
    p.left,
    p.bottom,
    p.right,
  ];
}

type ConvAttrs = tf.NamedAttrMap;
function convInfo(xShape: Shape4, filterShape: Shape4, attrs: ConvAttrs, dilations: number | [number, number]) {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs["strides"] as number | [number, number],
    dilations,
    attrs["pad"] as "same" | "valid" | number,
    attrs["dimRoundingMode"] as "floor" | "round" | "ceil" | undefined,
    false,
    "channelsLast",
  );
}

/** One conv kernel: `plan` says which inputs feed oneDNN and the output shape; null → wasm. */
function conv(
  addon: NativeAddon,
  fallback: tf.KernelFunc,
  mode: 0 | 1 | 2,
  plan: (inputs: KernelArgs["inputs"], attrs: ConvAttrs) => { in0: Info; in1: Info; info: tf.backend_util.Conv2DInfo; outShape: number[] } | null,
): tf.KernelFunc {
  return (args: KernelArgs) => {
    const attrs = args.attrs ?? {};
    if ((attrs["dataFormat"] ?? "NHWC") !== "NHWC") return fallback(args);
    const p = plan(args.inputs, attrs);
    if (p === null || !f32(p.in0, p.in1)) return fallback(args);
    const backend = args.backend as BackendWasm;
    const out = backend.makeOutput(p.outShape, "float32");
    if (addon.conv(heap(backend), mode, geometry(p.info), off(backend, p.in0), off(backend, p.in1), off(backend, out))) {
      return out;
    }
    backend.disposeData(out.dataId);
    return fallback(args);
  };
}

/** Kernel name → native kernelFunc, each wrapping the wasm kernel it replaces. */
export function nativeKernels(addon: NativeAddon, wasmKernel: (name: string) => tf.KernelFunc): Record<string, tf.KernelFunc> {
  return {
    BatchMatMul: matMul(addon, wasmKernel("BatchMatMul")),
    _FusedMatMul: matMul(addon, wasmKernel("_FusedMatMul")),
    Conv2D: conv(addon, wasmKernel("Conv2D"), 0, ({ x, filter }, attrs) => {
      if (x === undefined || filter === undefined) return null;
      const info = convInfo(x.shape as Shape4, filter.shape as Shape4, attrs, (attrs["dilations"] ?? 1) as number | [number, number]);
      return { in0: x, in1: filter, info, outShape: info.outShape };
    }),
    Conv2DBackpropInput: conv(addon, wasmKernel("Conv2DBackpropInput"), 1, ({ dy, filter }, attrs) => {
      if (dy === undefined || filter === undefined) return null;
      const inputShape = attrs["inputShape"] as Shape4;
      return { in0: dy, in1: filter, info: convInfo(inputShape, filter.shape as Shape4, attrs, 1), outShape: [...inputShape] };
    }),
    Conv2DBackpropFilter: conv(addon, wasmKernel("Conv2DBackpropFilter"), 2, ({ x, dy }, attrs) => {
      if (x === undefined || dy === undefined) return null;
      const filterShape = attrs["filterShape"] as Shape4;
      return { in0: x, in1: dy, info: convInfo(x.shape as Shape4, filterShape, attrs, 1), outShape: [...filterShape] };
    }),
  };
}
