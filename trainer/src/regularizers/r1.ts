import * as tf from "@tensorflow/tfjs-core";
import { inputGradients, perSampleSquaredNorm } from "./gradients.ts";
import type { PenaltyContext, Regularizer, RegularizerConfig } from "./types.ts";
import { requireNumber } from "./validate.ts";

/**
 * Zero-centred gradient penalties (γ/2)·mean_i ‖∇_x C(x_i)‖²: R1 on the real batch, R2 on the fake batch.
 *
 * Paper: Lars Mescheder, Andreas Geiger, Sebastian Nowozin (2018), "Which Training Methods for GANs do actually
 * Converge?", arXiv:1801.04406 (Eq. 9–10). No square root, so no epsilon is needed at a zero gradient.
 */
function zeroCentred(type: "r1" | "r2", gamma: number, pick: (ctx: PenaltyContext) => tf.Tensor) {
  requireNumber(type, "gamma", gamma, 0);
  return (ctx: PenaltyContext): tf.Scalar =>
    tf.tidy(() => tf.mul(gamma / 2, tf.mean<tf.Scalar>(perSampleSquaredNorm(inputGradients(ctx.critic, pick(ctx))))));
}

/** R1: (γ/2)·mean_i ‖∇C(x_r,i)‖². */
export function createR1(config: Extract<RegularizerConfig, { type: "r1" }>): Regularizer {
  return { config, penalty: zeroCentred("r1", config.gamma, (ctx) => ctx.real) };
}

/** R2: (γ/2)·mean_i ‖∇C(x_f,i)‖². The fake batch is an input here; G's weights are not in the critic's var list. */
export function createR2(config: Extract<RegularizerConfig, { type: "r2" }>): Regularizer {
  return { config, penalty: zeroCentred("r2", config.gamma, (ctx) => ctx.fake) };
}
