/**
 * Gradients of data-movement kernels: Reshape, ExpandDims, Transpose, Slice, PadV2, Reverse,
 * Tile, Concat, Pack, Unpack, SplitV, DepthToSpace, GatherV2. Each adjoint is itself a
 * data-movement op, so these compose to any order.
 */
import * as tf from "@tensorflow/tfjs-core";
import { registerSingle, savedAt, zerosFor } from "./grad-util.ts";

const norm = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** Slice of `dy` that corresponds to one operand of a concat/stack along `axis`. */
function sliceAlong(dy: tf.Tensor, axis: number, start: number, size: number): tf.Tensor {
  const begin = dy.shape.map((_, i) => (i === axis ? start : 0));
  const sizes = dy.shape.map((d, i) => (i === axis ? size : d));
  return tf.slice(dy, begin, sizes);
}

/** Sum of a tiled gradient over its repeats: view dy as [r0, s0, r1, s1, ...] and reduce the r's. */
function untile(dy: tf.Tensor, reps: number[]): tf.Tensor {
  const view: number[] = [];
  const axes: number[] = [];
  dy.shape.forEach((d, i) => {
    const r = reps[i] ?? 1;
    if (r > 1) {
      axes.push(view.length);
      view.push(r);
    }
    view.push(d / r);
  });
  const xShape = dy.shape.map((d, i) => d / (reps[i] ?? 1));
  return tf.reshape(axes.length > 0 ? tf.sum(tf.reshape(dy, view), axes) : dy, xShape);
}

/** Gather adjoint for batchDims = 0: scatter-add rows of dy with a one-hot matmul. */
function ungather(dy: tf.Tensor, x: tf.Tensor, indices: tf.Tensor, axis: number): tf.Tensor {
  const depth = x.shape[axis] ?? 0;
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = indices.size;
  const hot = tf.oneHot(tf.reshape(tf.cast(indices, "int32"), [n]), depth, 1, 0, "float32");
  const byIndex = tf.reshape(tf.transpose(tf.reshape(dy, [outer, n, inner]), [1, 0, 2]), [n, outer * inner]);
  const summed = tf.reshape(tf.matMul(hot, byIndex, true, false), [depth, outer, inner]);
  return tf.reshape(tf.transpose(summed, [1, 0, 2]), x.shape);
}

/** Registers data-movement gradients. */
export function registerShapeGradients(): void {
  registerSingle("Reshape", (dy, saved) => ({ x: () => tf.reshape(dy, savedAt(saved, 0, "Reshape").shape) }), ["x"]);
  registerSingle("ExpandDims", (dy, _s, attrs) => {
    const dim = norm(attrs["dim"] as number, dy.rank);
    return {
      input: () =>
        tf.reshape(
          dy,
          dy.shape.filter((_, i) => i !== dim),
        ),
    };
  });
  registerSingle("Transpose", (dy, _s, attrs) => {
    const perm = attrs["perm"] as number[];
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return { x: () => tf.transpose(dy, inverse) };
  });
  registerSingle(
    "Slice",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "Slice");
      const [begin, size] = tf.slice_util.parseSliceParams(x, attrs["begin"] as number[], attrs["size"] as number[]);
      const pads = x.shape.map((d, i): [number, number] => [begin![i]!, d - begin![i]! - size![i]!]);
      return { x: () => tf.pad(dy, pads) };
    },
    ["x"],
  );
  registerSingle("PadV2", (dy, _s, attrs) => {
    const pads = attrs["paddings"] as Array<[number, number]>;
    return {
      x: () =>
        tf.slice(
          dy,
          pads.map((p) => p[0]),
          dy.shape.map((d, i) => d - pads[i]![0] - pads[i]![1]),
        ),
    };
  });
  registerSingle("Reverse", (dy, _s, attrs) => ({ x: () => tf.reverse(dy, attrs["dims"] as number[]) }));
  registerSingle("Tile", (dy, _s, attrs) => ({ x: () => untile(dy, attrs["reps"] as number[]) }));
  registerSingle("DepthToSpace", (dy, _s, attrs) => {
    if (attrs["dataFormat"] !== "NHWC") throw new Error("gradient of depthToSpace: only NHWC is supported");
    const b = attrs["blockSize"] as number;
    const [n, h, w, c] = dy.shape as [number, number, number, number];
    const view = tf.reshape(dy, [n, h / b, b, w / b, b, c]);
    return { x: () => tf.reshape(tf.transpose(view, [0, 1, 3, 2, 4, 5]), [n, h / b, w / b, b * b * c]) };
  });
  registerSingle(
    "GatherV2",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "GatherV2");
      const indices = savedAt(saved, 1, "GatherV2");
      if ((attrs["batchDims"] as number) !== 0) throw new Error("gradient of gather: batchDims > 0 is not supported");
      return { x: () => ungather(dy, x, indices, norm(attrs["axis"] as number, x.rank)), indices: () => zerosFor(indices) };
    },
    ["x", "indices"],
  );
  tf.registerGradient({
    kernelName: "Concat",
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const g = Array.isArray(dy) ? dy[0]! : dy;
      const axis = norm(attrs["axis"] as number, g.rank);
      let start = 0;
      return Object.fromEntries(
        saved.map((t, i) => {
          const [at, size] = [start, t.shape[axis] ?? 0];
          start += size;
          return [String(i), () => sliceAlong(g, axis, at, size)];
        }),
      );
    },
  });
  registerSingle("Pack", (dy, _s, attrs) => {
    const axis = norm(attrs["axis"] as number, dy.rank);
    const count = dy.shape[axis] ?? 0;
    const shape = dy.shape.filter((_, i) => i !== axis);
    return Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i), () => tf.reshape(sliceAlong(dy, axis, i, 1), shape)]));
  });
  tf.registerGradient({
    kernelName: "Unpack",
    gradFunc: (dys, _s, attrs) => {
      const list = Array.isArray(dys) ? dys : [dys];
      // The unstacked axis counts in the input's rank, one more than each dy's.
      return { value: () => tf.stack(list, norm(attrs["axis"] as number, list[0]!.rank + 1)) };
    },
  });
  tf.registerGradient({
    kernelName: "SplitV",
    gradFunc: (dys, _s, attrs) => {
      const list = Array.isArray(dys) ? dys : [dys];
      return { x: () => tf.concat(list, norm(attrs["axis"] as number, list[0]!.rank)) };
    },
  });
}
