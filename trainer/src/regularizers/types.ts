import type * as tf from "@tensorflow/tfjs-core";

export type { RegularizerConfig } from "@gantry/core";
import type { RegularizerConfig } from "@gantry/core";

/** Everything a penalty may look at. `seed` makes its random draws (ε, α, perturbations) reproducible per step. */
export interface PenaltyContext {
  critic: (x: tf.Tensor) => tf.Tensor;
  real: tf.Tensor;
  fake: tf.Tensor;
  seed: number;
}

export interface Regularizer {
  readonly config: RegularizerConfig;
  /** Added to the critic loss inside the critic's minimize call (so its gradient reaches the critic weights). */
  penalty?(ctx: PenaltyContext): tf.Scalar;
  /** Runs after each critic update, e.g. weight clipping. */
  afterCriticStep?(criticVariables: readonly tf.Variable[]): void;
}
