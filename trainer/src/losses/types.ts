import type * as tf from "@tensorflow/tfjs-core";
import type { RegularizerConfig } from "../regularizers/types.ts";

/** Raw critic outputs C(x) for a real and a fake batch, shape [B] or [B, 1]. */
export interface Logits {
  real: tf.Tensor;
  fake: tf.Tensor;
}

/** Generator-side logits; `real` is present only for losses with `generatorNeedsReal`. */
export interface GeneratorLogits {
  fake: tf.Tensor;
  real?: tf.Tensor;
}

/** An optimizer's documented defaults. Units: learning rate per step; betas dimensionless. */
export interface OptimizerPreset {
  type: "adam" | "rmsprop" | "sgd";
  lr: number;
  beta1?: number;
  beta2?: number;
  /** RMSprop decay ρ (see OptimizerConfig.decay). */
  decay?: number;
}

/** What a loss recommends when the config does not say otherwise (paper defaults). */
export interface LossPreset {
  regularizers: RegularizerConfig[];
  optimizers: { g: OptimizerPreset; d: OptimizerPreset };
  nCritic: number;
}

/**
 * A GAN loss: a pure pair on logits. Both functions return a scalar and must be numerically stable for logits of
 * any magnitude (use softplus, never log(sigmoid)). Penalties that need the critic itself live in regularizers.
 */
export interface GanLoss {
  readonly name: string;
  /** Human title and citation, shown in reports. */
  readonly title: string;
  readonly paper: string;
  /** Relativistic generators compare against C(x_r): the step then draws a fresh real batch for the G update. */
  readonly generatorNeedsReal: boolean;
  readonly preset: LossPreset;
  discriminator(logits: Logits): tf.Scalar;
  generator(logits: GeneratorLogits): tf.Scalar;
}
