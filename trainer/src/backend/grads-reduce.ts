/** Gradients of reductions: Sum, Mean, Max, Min, Cumsum. */
import * as tf from "@tensorflow/tfjs-core";
import { axesOf, keptShape, registerSingle, savedAt } from "./grad-util.ts";

/** dy of a reduction, reshaped so that it broadcasts against the reduction's input. */
function expandDy(dy: tf.Tensor, x: tf.Tensor, axes: number[]): tf.Tensor {
  return tf.reshape(dy, keptShape(x.shape, axes));
}

/** Gradient of max/min: dy flows to every element equal to the extreme (ties share). */
function extremeGrad(dy: tf.Tensor, x: tf.Tensor, axes: number[], extreme: typeof tf.max): tf.Tensor {
  const mask = tf.cast(tf.equal(x, extreme(x, axes, true)), "float32");
  return tf.mul(mask, expandDy(dy, x, axes));
}

/** Registers reduction gradients. */
export function registerReduceGradients(): void {
  registerSingle(
    "Sum",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "Sum");
      return { x: () => tf.broadcastTo(expandDy(dy, x, axesOf(attrs["axis"], x.rank)), x.shape) };
    },
    ["x"],
  );
  registerSingle(
    "Mean",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "Mean");
      const axes = axesOf(attrs["axis"], x.rank);
      const count = axes.reduce((n, a) => n * (x.shape[a] ?? 1), 1);
      return { x: () => tf.broadcastTo(tf.div(expandDy(dy, x, axes), count), x.shape) };
    },
    ["x"],
  );
  registerSingle(
    "Max",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "Max");
      return { x: () => extremeGrad(dy, x, axesOf(attrs["reductionIndices"], x.rank), tf.max) };
    },
    ["x"],
  );
  registerSingle(
    "Min",
    (dy, saved, attrs) => {
      const x = savedAt(saved, 0, "Min");
      return { x: () => extremeGrad(dy, x, axesOf(attrs["axis"], x.rank), tf.min) };
    },
    ["x"],
  );
  // The adjoint of a running sum is the running sum in the opposite direction.
  registerSingle("Cumsum", (dy, _saved, attrs) => ({
    x: () => tf.cumsum(dy, attrs["axis"] as number, attrs["exclusive"] as boolean, !(attrs["reverse"] as boolean)),
  }));
}
