import * as tf from "@tensorflow/tfjs-core";
import { hashSeed } from "../util/rng.ts";
import { inputGradients, perSampleNorm, perSampleUniform, stopGradient } from "./gradients.ts";
import type { PenaltyContext, Regularizer, RegularizerConfig } from "./types.ts";
import { requireNumber } from "./validate.ts";

type GpConfig = Extract<RegularizerConfig, { type: "gp" }>;

/** Sub-streams of ctx.seed so the mixing coefficient and the DRAGAN noise never share numbers. */
const MIX_STREAM = 1;
const NOISE_STREAM = 2;

/** WGAN-GP points: x̂ = ε·x_r + (1 − ε)·x_f with ε ~ U[0, 1] drawn per sample (Gulrajani et al. 2017, Alg. 1). */
export function interpolatePoints(ctx: PenaltyContext): tf.Tensor {
  const eps = perSampleUniform(ctx.real, hashSeed(ctx.seed, MIX_STREAM));
  return tf.add(tf.mul(eps, ctx.real), tf.mul(tf.sub(1, eps), ctx.fake));
}

/**
 * DRAGAN points (Kodali et al. 2017): x_p = x_r + 0.5·std(x_r)·U with std one scalar over the whole real batch
 * (population std) and U ~ U[0, 1) per element; x̂ = x_r + α·(x_p − x_r) with α ~ U[0, 1] per sample.
 */
export function draganPoints(ctx: PenaltyContext): tf.Tensor {
  const std = tf.sqrt(tf.moments(ctx.real).variance);
  const noise = tf.randomUniform(ctx.real.shape, 0, 1, "float32", hashSeed(ctx.seed, NOISE_STREAM));
  const alpha = perSampleUniform(ctx.real, hashSeed(ctx.seed, MIX_STREAM));
  // x_p − x_r = 0.5·std·U, so x̂ = x_r + α·0.5·std·U.
  return tf.add(ctx.real, tf.mul(alpha, tf.mul(tf.mul(0.5, std), noise)));
}

const SAMPLERS: Record<GpConfig["sampling"], (ctx: PenaltyContext) => tf.Tensor> = {
  interpolate: interpolatePoints,
  dragan: draganPoints,
};

/**
 * Gradient penalty λ·mean_i (‖∇C(x̂_i)‖ − 1)² (two-sided, WGAN-GP / DRAGAN) or λ·mean_i max(0, ‖∇C(x̂_i)‖ − 1)²
 * (one-sided, WGAN-LP, Petzka et al. 2018), with the norm taken per sample over all non-batch dimensions.
 */
export function createGradientPenalty(config: GpConfig): Regularizer {
  requireNumber("gp", "lambda", config.lambda, 0);
  const sample = SAMPLERS[config.sampling];
  if (!sample) throw new Error(`regularizer "gp": sampling must be one of ${Object.keys(SAMPLERS).join(", ")}`);
  return {
    config,
    penalty: (ctx) =>
      tf.tidy(() => {
        const xHat = stopGradient(sample(ctx));
        const excess = tf.sub(perSampleNorm(inputGradients(ctx.critic, xHat)), 1);
        const gap = config.oneSided ? tf.relu(excess) : excess;
        return tf.mul(config.lambda, tf.mean<tf.Scalar>(tf.square(gap)));
      }),
  };
}
