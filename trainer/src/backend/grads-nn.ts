/**
 * Gradients of matmul, 2-D convolutions (and their backprop kernels, so gradient penalties can
 * differentiate a conv gradient), pooling and resizing.
 *
 * Convolution and its two backprop kernels are bilinear maps that are each other's adjoints:
 *   conv(x, W)            -> d/dx: backpropInput(dy, W),  d/dW: backpropFilter(x, dy)
 *   backpropInput(dy, W)  -> d/ddy: conv(g, W),           d/dW: backpropFilter(g, dy)
 *   backpropFilter(x, dy) -> d/dx: backpropInput(dy, g),  d/ddy: conv(x, g)
 */
import * as tf from "@tensorflow/tfjs-core";
import { reduceTo, registerSingle, savedAt } from "./grad-util.ts";

/** Runs a kernel through the engine (so the call is taped for higher-order gradients). */
function kernel(name: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor {
  return tf.engine().runKernel(name, inputs, attrs) as tf.Tensor;
}

/** The attributes shared by Conv2D and its two backprop kernels. */
function convAttrs(attrs: tf.NamedAttrMap): tf.NamedAttrMap {
  const dilations = attrs["dilations"] ?? 1;
  const ones = Array.isArray(dilations) ? dilations.every((d) => d === 1) : dilations === 1;
  if (!ones) throw new Error("gradient of conv2d: dilations > 1 are not supported");
  const out: tf.NamedAttrMap = { strides: attrs["strides"]!, pad: attrs["pad"]!, dataFormat: attrs["dataFormat"] ?? "NHWC" };
  if (attrs["dimRoundingMode"] != null) out["dimRoundingMode"] = attrs["dimRoundingMode"];
  return out;
}

const conv = (x: tf.Tensor, filter: tf.Tensor, a: tf.NamedAttrMap): tf.Tensor => kernel("Conv2D", { x, filter }, { ...a, dilations: 1 });
const convInput = (dy: tf.Tensor, filter: tf.Tensor, inputShape: number[], a: tf.NamedAttrMap): tf.Tensor =>
  kernel("Conv2DBackpropInput", { dy, filter }, { ...a, inputShape });
const convFilter = (x: tf.Tensor, dy: tf.Tensor, filterShape: number[], a: tf.NamedAttrMap): tf.Tensor =>
  kernel("Conv2DBackpropFilter", { x, dy }, { ...a, filterShape });

/** da and db of a (batch) matmul for each transpose combination. */
function matMulGrads(dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean) {
  const da = (): tf.Tensor => (ta ? tf.matMul(b, dy, tb, true) : tf.matMul(dy, b, false, !tb));
  const db = (): tf.Tensor => (tb ? tf.matMul(dy, a, true, ta) : tf.matMul(a, dy, !ta, false));
  return { a: () => reduceTo(da(), a.shape), b: () => reduceTo(db(), b.shape) };
}

/** Registers matmul, conv, pooling and resize gradients. */
export function registerNnGradients(): void {
  registerSingle(
    "BatchMatMul",
    (dy, saved, attrs) =>
      matMulGrads(dy, savedAt(saved, 0, "BatchMatMul"), savedAt(saved, 1, "BatchMatMul"), attrs["transposeA"] === true, attrs["transposeB"] === true),
    ["a", "b"],
  );
  registerSingle(
    "Conv2D",
    (dy, saved, attrs) => {
      const [x, w, a] = [savedAt(saved, 0, "Conv2D"), savedAt(saved, 1, "Conv2D"), convAttrs(attrs)];
      return { x: () => convInput(dy, w, x.shape, a), filter: () => convFilter(x, dy, w.shape, a) };
    },
    ["x", "filter"],
  );
  registerSingle(
    "Conv2DBackpropInput",
    (g, saved, attrs) => {
      const [dy, w, a] = [savedAt(saved, 0, "Conv2DBackpropInput"), savedAt(saved, 1, "Conv2DBackpropInput"), convAttrs(attrs)];
      return { dy: () => conv(g, w, a), filter: () => convFilter(g, dy, w.shape, a) };
    },
    ["dy", "filter"],
  );
  registerSingle(
    "Conv2DBackpropFilter",
    (g, saved, attrs) => {
      const [x, dy, a] = [savedAt(saved, 0, "Conv2DBackpropFilter"), savedAt(saved, 1, "Conv2DBackpropFilter"), convAttrs(attrs)];
      return { x: () => convInput(dy, g, x.shape, a), dy: () => conv(x, g, a) };
    },
    ["x", "dy"],
  );
  registerPoolAndResizeGradients();
}

function registerPoolAndResizeGradients(): void {
  const poolAttrs = (a: tf.NamedAttrMap): tf.NamedAttrMap => {
    const out: tf.NamedAttrMap = { filterSize: a["filterSize"]!, strides: a["strides"]!, pad: a["pad"]! };
    if (a["dimRoundingMode"] != null) out["dimRoundingMode"] = a["dimRoundingMode"];
    return out;
  };
  registerSingle(
    "AvgPool",
    (dy, saved, attrs) => ({ x: () => kernel("AvgPoolGrad", { dy, input: savedAt(saved, 0, "AvgPool") }, poolAttrs(attrs)) }),
    ["x"],
  );
  // AvgPoolGrad is linear in dy; its adjoint is the pooling itself.
  registerSingle("AvgPoolGrad", (g, _s, attrs) => ({
    dy: () => kernel("AvgPool", { x: g }, poolAttrs(attrs)),
    input: () => tf.zeros(g.shape, "float32"),
  }));
  registerSingle(
    "MaxPool",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "MaxPool");
      const a = poolAttrs(attrs);
      return { x: () => kernel("MaxPoolGrad", { dy, input: x, output: kernel("MaxPool", { x }, a) }, a) };
    },
    ["x"],
  );
  for (const [resize, grad] of [
    ["ResizeNearestNeighbor", "ResizeNearestNeighborGrad"],
    ["ResizeBilinear", "ResizeBilinearGrad"],
  ] as const) {
    registerSingle(
      resize,
      (dy, saved, attrs) => {
        const images = savedAt(saved, 0, resize);
        // tfjs-backend-cpu's ResizeBilinearGrad labels its output [b, w, h, c] although the data
        // is laid out [b, h, w, c]; the reshape restores the label (a no-op elsewhere).
        return { images: () => tf.reshape(kernel(grad, { images, dy }, attrs), images.shape) };
      },
      ["images"],
    );
    // Resizing is linear in the image, so the adjoint of its gradient is the resize again.
    registerSingle(
      grad,
      (g, saved, attrs) => {
        const dy = savedAt(saved, 0, grad);
        return {
          dy: () => kernel(resize, { images: g }, { ...attrs, size: [dy.shape[1]!, dy.shape[2]!] }),
          images: () => tf.zeros(g.shape, "float32"),
        };
      },
      ["dy"],
    );
  }
}
