/**
 * Zero gradients for ops that are piecewise constant or produce booleans/integers.
 *
 * tfjs-core registers none of these. They matter for second-order gradients: the gradient of
 * relu/leakyRelu/clip/abs/maximum/where builds masks with comparisons, and when an outer
 * `tf.grad` walks back through such a mask the tape needs a gradient for every node on the
 * path, even though the true derivative is 0 almost everywhere.
 */
import * as tf from "@tensorflow/tfjs-core";
import { registerSingle, savedAt, zerosFor } from "./grad-util.ts";

/** Binary ops whose derivative w.r.t. both inputs is zero almost everywhere. */
export const ZERO_GRAD_BINARY = [
  "Greater",
  "GreaterEqual",
  "Less",
  "LessEqual",
  "Equal",
  "NotEqual",
  "LogicalAnd",
  "LogicalOr",
  "LogicalXor",
  "FloorDiv",
] as const;

/** Shape-preserving unary ops (input `x`) whose derivative is zero almost everywhere. */
export const ZERO_GRAD_UNARY = [
  "LogicalNot",
  "IsNan",
  "IsInf",
  "IsFinite",
  "Sign",
  "Step",
  "Floor",
  "Ceil",
  "Round",
  "OnesLike",
  "ZerosLike",
] as const;

/** Registers all zero gradients. Idempotent (re-registration replaces the entry). */
export function registerZeroGradients(): void {
  for (const kernelName of ZERO_GRAD_BINARY) {
    tf.registerGradient({
      kernelName,
      inputsToSave: ["a", "b"],
      gradFunc: (_dy, saved) => ({
        a: () => zerosFor(savedAt(saved, 0, kernelName)),
        b: () => zerosFor(savedAt(saved, 1, kernelName)),
      }),
    });
  }
  // x has dy's shape, so nothing needs saving (saving clones the input on every forward call).
  for (const kernelName of ZERO_GRAD_UNARY) {
    registerSingle(kernelName, (dy) => ({ x: () => tf.zeros(dy.shape, "float32") }));
  }
  for (const kernelName of ["ArgMax", "ArgMin"]) {
    registerSingle(kernelName, (_dy, saved) => ({ x: () => zerosFor(savedAt(saved, 0, kernelName)) }), ["x"]);
  }
  // OneHot appends the depth axis to the integer `indices`.
  registerSingle("OneHot", (dy) => ({ indices: () => tf.zeros(dy.shape.slice(0, -1), "float32") }));
}
