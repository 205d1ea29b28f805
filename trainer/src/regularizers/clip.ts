import * as tf from "@tensorflow/tfjs-core";
import type { Regularizer, RegularizerConfig } from "./types.ts";
import { requireNumber } from "./validate.ts";

/**
 * Weight clipping (Arjovsky et al. 2017, "Wasserstein GAN", arXiv:1701.07875, Algorithm 1): after every critic
 * update each critic variable is clamped to [−c, c], a crude way to keep the critic Lipschitz.
 */
export function createClip(config: Extract<RegularizerConfig, { type: "clip" }>): Regularizer {
  requireNumber("clip", "c", config.c, 0, true);
  const { c } = config;
  return {
    config,
    afterCriticStep: (variables) =>
      tf.tidy(() => {
        for (const v of variables) v.assign(tf.clipByValue(v, -c, c));
      }),
  };
}
