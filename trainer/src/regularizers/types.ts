import type * as tf from "@tensorflow/tfjs-core";

/**
 * Regularisers usable with any loss. `gp` covers WGAN-GP (two-sided, interpolates), WGAN-LP (one-sided) and DRAGAN
 * (perturbations of real data); `r1`/`r2` penalise ‖∇C‖² on reals/fakes; `clip` clamps critic weights after each
 * critic step.
 */
export type RegularizerConfig =
  | { type: "gp"; lambda: number; oneSided: boolean; sampling: "interpolate" | "dragan" }
  | { type: "r1"; gamma: number }
  | { type: "r2"; gamma: number }
  | { type: "clip"; c: number };

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
