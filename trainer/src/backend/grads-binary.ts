/**
 * Gradients of broadcasting binary kernels, Select (tf.where), Prelu and AddN.
 * Broadcast gradients are summed back with `reduceTo` (reshape + sum, no tile).
 */
import * as tf from "@tensorflow/tfjs-core";
import { fresh, reduceTo, registerSingle, savedAt } from "./grad-util.ts";

/** Lazy, unreduced (broadcast-shaped) gradients w.r.t. a and b; only the needed one runs. */
type PairGrad = (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor) => { a: () => tf.Tensor; b: () => tf.Tensor };

/** Mask (float32) of where `a` wins a max (ties go to `a`, as in tfjs and TF). */
const winsMax = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.cast(tf.greaterEqual(a, b), "float32");
const winsMin = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.cast(tf.lessEqual(a, b), "float32");

/** log(a) where a > 0 and 0 elsewhere: the exponent's gradient of pow is defined only for a > 0. */
function safeLog(a: tf.Tensor): tf.Tensor {
  const positive = tf.greater(a, 0);
  return tf.log(tf.where(positive, a, tf.onesLike(a)));
}

/** Gradients for each broadcasting binary kernel. */
export const BINARY_GRADIENTS: Record<string, PairGrad> = {
  Add: (dy) => ({ a: () => dy, b: () => dy }),
  Sub: (dy) => ({ a: () => dy, b: () => tf.neg(dy) }),
  Multiply: (dy, a, b) => ({ a: () => tf.mul(dy, b), b: () => tf.mul(dy, a) }),
  RealDiv: (dy, a, b) => ({
    a: () => tf.div(dy, b),
    b: () => tf.neg(tf.div(tf.mul(dy, a), tf.square(b))),
  }),
  Maximum: (dy, a, b) => ({
    a: () => tf.mul(dy, winsMax(a, b)),
    b: () => tf.mul(dy, tf.sub(1, winsMax(a, b))),
  }),
  Minimum: (dy, a, b) => ({
    a: () => tf.mul(dy, winsMin(a, b)),
    b: () => tf.mul(dy, tf.sub(1, winsMin(a, b))),
  }),
  SquaredDifference: (dy, a, b) => ({
    a: () => tf.mul(dy, tf.mul(tf.sub(a, b), 2)),
    b: () => tf.mul(dy, tf.mul(tf.sub(b, a), 2)),
  }),
  Pow: (dy, a, b) => ({
    a: () => tf.mul(dy, tf.mul(b, tf.pow(a, tf.sub(b, 1)))),
    b: () => tf.mul(dy, tf.mul(tf.pow(a, b), safeLog(a))),
  }),
};

/** Registers binary, Select, Prelu and AddN gradients. */
export function registerBinaryGradients(): void {
  for (const [kernelName, grad] of Object.entries(BINARY_GRADIENTS)) {
    registerSingle(
      kernelName,
      (dy, saved) => {
        const a = savedAt(saved, 0, kernelName);
        const b = savedAt(saved, 1, kernelName);
        const g = grad(dy, a, b);
        return { a: () => reduceTo(g.a(), a.shape), b: () => reduceTo(g.b(), b.shape) };
      },
      ["a", "b"],
    );
  }

  // tf.where broadcasts all three operands before the Select kernel, so shapes match dy.
  registerSingle(
    "Select",
    (dy, saved) => {
      const mask = (): tf.Tensor => tf.cast(savedAt(saved, 0, "Select"), "float32");
      return {
        condition: () => tf.zeros(dy.shape, "float32"),
        t: () => tf.mul(dy, mask()),
        e: () => tf.mul(dy, tf.sub(1, mask())),
      };
    },
    ["condition"],
  );

  registerSingle(
    "Prelu",
    (dy, saved) => {
      const x = savedAt(saved, 0, "Prelu");
      const alpha = savedAt(saved, 1, "Prelu");
      return {
        x: () => {
          const pos = tf.step(x);
          return tf.mul(dy, tf.add(pos, tf.mul(tf.sub(1, pos), alpha)));
        },
        alpha: () => reduceTo(tf.mul(tf.mul(dy, x), tf.sub(1, tf.step(x))), alpha.shape),
      };
    },
    ["x", "alpha"],
  );

  // AddN's inputs are an array; gradient map keys are their indices.
  tf.registerGradient({
    kernelName: "AddN",
    saveAllInputs: true,
    gradFunc: (dy, saved) => {
      const g = Array.isArray(dy) ? dy[0] : dy;
      if (g === undefined) throw new Error("gradient of AddN: missing dy");
      return Object.fromEntries(saved.map((_, i) => [String(i), () => fresh(g)]));
    },
  });
}
