/** TEST-ONLY critics with known input gradients, shared by the regulariser tests and the conformance suite. */
import * as tf from "@tensorflow/tfjs-core";
import type { PenaltyContext } from "./types.ts";

export interface TestCritic {
  critic: (x: tf.Tensor) => tf.Tensor;
  vars: tf.Variable[];
}

/** C(x) = w·x + b on 2-D inputs, output [B, 1]: ∇ₓC = w everywhere, so every penalty has a closed form in w. */
export function linearCritic(w: [number, number], b = 0.5): TestCritic {
  const [wv, bv] = tf.tidy(() => [tf.variable(tf.tensor2d([[w[0]], [w[1]]])), tf.variable(tf.scalar(b))]) as [tf.Variable, tf.Variable];
  return { critic: (x) => tf.add(tf.matMul(x as tf.Tensor2D, wv), bv), vars: [wv, bv] };
}

/** C(x) = ½‖x‖² per sample over all non-batch dims, output [B, 1]: ∇ₓC(x_i) = x_i. No variables. */
export function quadraticCritic(): TestCritic {
  return {
    critic: (x) => tf.mul(0.5, tf.sum(tf.square(tf.reshape(x, [x.shape[0]!, -1])), 1, true)),
    vars: [],
  };
}

/**
 * A fixed 2-layer leakyRelu(0.2) critic on 2-D inputs (2 → 3 → 1), weights chosen so that units are active on
 * both sides of zero for the test batches. `outScale` scales the output layer: at 1 most per-sample input-gradient
 * norms on REAL/FAKE_BATCH points exceed 1 (1.08–1.46, a few 0.89–0.93); at 0.75 they straddle 1 (0.66–1.09), which
 * exercises both branches of the one-sided penalty.
 */
export function smallCritic(outScale = 1): TestCritic {
  const vars = tf.tidy(() => [
    tf.variable(
      tf.tensor2d([
        [0.8, -0.5, 0.3],
        [0.2, 0.9, -0.7],
      ]),
    ),
    tf.variable(tf.tensor1d([0.1, -0.2, 0.05])),
    tf.variable(tf.mul(outScale, tf.tensor2d([[1.2], [-0.7], [0.9]]))),
    tf.variable(tf.tensor1d([0.3])),
  ]) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const [w1, b1, w2, b2] = vars;
  const critic = (x: tf.Tensor): tf.Tensor => tf.add(tf.matMul(tf.leakyRelu(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1), 0.2), w2), b2);
  return { critic, vars };
}

export const REAL_BATCH = [
  [1, 2],
  [-0.5, 0.3],
  [0.7, -1.1],
  [2, 0.4],
];
export const FAKE_BATCH = [
  [0.1, -0.3],
  [1.5, 1],
  [-1, -0.2],
  [0.4, 0.9],
];

/**
 * The penalty's value and its gradient w.r.t. each of `vars` as plain numbers; a variable the penalty ignores gets
 * zeros (tfjs leaves it out of the result). At least one variable must be connected.
 */
export function penaltyAndGrads(
  penalty: (ctx: PenaltyContext) => tf.Scalar,
  ctx: PenaltyContext,
  vars: tf.Variable[],
): { value: number; grads: number[][] } {
  const { value, grads } = tf.variableGrads(() => penalty(ctx), vars);
  const out = {
    value: value.dataSync()[0]!,
    grads: vars.map((v) => (grads[v.name] ? Array.from(grads[v.name]!.dataSync()) : new Array<number>(v.size).fill(0))),
  };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

/** Central differences of the penalty w.r.t. each entry of `v` (restored afterwards). */
export function finiteDifferences(penalty: (ctx: PenaltyContext) => tf.Scalar, ctx: PenaltyContext, v: tf.Variable, h: number): number[] {
  const base = Array.from(v.dataSync());
  const at = (vals: number[]): number =>
    tf.tidy(() => {
      v.assign(tf.tensor(vals, v.shape));
      return penalty(ctx).dataSync()[0]!;
    });
  const out = base.map((x, i) => {
    const plus = at(base.map((y, j) => (j === i ? x + h : y)));
    const minus = at(base.map((y, j) => (j === i ? x - h : y)));
    return (plus - minus) / (2 * h);
  });
  tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
  return out;
}
