/**
 * Shared helpers for the gradient registrations in `grads-*.ts`.
 *
 * Every gradient here is written with tfjs ops only (never backend reads), so the
 * gradient of a gradient is recorded on the tape and higher-order derivatives work.
 * Gradients never read *saved outputs*: tfjs-core clones a saved output before the
 * producing node is on the tape, so a second-order pass would silently lose that path.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Lazy gradient per input name (tfjs-core's NamedGradientMap, which it does not export). */
export type GradientMap = Record<string, () => tf.Tensor>;

/** A gradient function that only ever receives a single dy. */
export type SingleGradFunc = (dy: tf.Tensor, saved: tf.Tensor[], attrs: tf.NamedAttrMap) => GradientMap;

/** Returns `saved[i]`, failing loudly if tfjs did not save it (a registration bug, not user input). */
export function savedAt(saved: tf.Tensor[], i: number, kernel: string): tf.Tensor {
  const t = saved[i];
  if (t === undefined) throw new Error(`gradient of ${kernel}: saved input #${i} is missing`);
  return t;
}

/** Narrows tfjs' `Tensor | Tensor[]` dy for single-output kernels. */
export function single(dy: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (Array.isArray(dy)) {
    const first = dy[0];
    if (first === undefined) throw new Error("gradient: empty dy list");
    return first;
  }
  return dy;
}

/**
 * Sums a broadcast gradient back to `shape` (the shape of the input that was broadcast),
 * e.g. [N,H,W,C] -> [C] or [1,C]. Plain reshape/sum — never tile.
 */
export function reduceTo(g: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (tf.util.arraysEqual(g.shape, shape as number[])) return fresh(g);
  // Covers both missing leading axes and size-1 axes that were stretched.
  const axes = tf.broadcast_util.getReductionAxes(shape as number[], g.shape);
  const summed = axes.length > 0 ? tf.sum(g, axes) : g;
  return tf.reshape(summed, shape as number[]);
}

/**
 * A new tensor handle on the same data (Reshape shares buffers on every backend). Gradient
 * closures must never hand back dy itself: the tape disposes accumulated gradients, and two
 * inputs sharing one handle would dispose it twice.
 */
export function fresh(t: tf.Tensor): tf.Tensor {
  return tf.reshape(t, t.shape);
}

/** float32 zeros shaped like `x` — the gradient of a piecewise-constant or integer-valued op. */
export function zerosFor(x: tf.Tensor): tf.Tensor {
  return tf.zeros(x.shape, "float32");
}

/** Registers a single-output gradient, hiding the `Tensor | Tensor[]` union of tfjs' GradFunc. */
export function registerSingle(kernelName: string, gradFunc: SingleGradFunc, inputsToSave: string[] = []): void {
  tf.registerGradient({
    kernelName,
    inputsToSave,
    gradFunc: (dy, saved, attrs) => gradFunc(single(dy), saved, attrs),
  });
}

/** Normalises an axis attribute (number, list or null) to sorted non-negative axes. */
export function axesOf(axis: tf.Attribute | undefined, rank: number): number[] {
  if (axis === undefined || axis === null) return [...Array(rank).keys()];
  const list = (Array.isArray(axis) ? axis : [axis]) as number[];
  return list.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
}

/** Shape of a reduction's output with the reduced axes kept as 1 (so it broadcasts over x). */
export function keptShape(xShape: readonly number[], axes: readonly number[]): number[] {
  return xShape.map((d, i) => (axes.includes(i) ? 1 : d));
}
