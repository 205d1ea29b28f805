import type { Arch, RegularizerConfig, TrainingConfig } from "./training-config.ts";

/**
 * The training config after the trainer's `resolveConfig`: what the engine runs, what models are built from and what
 * every checkpoint stores. Declared here, beside the config it resolves, so models and checkpoints depend on a
 * contract rather than on the engine that computes it.
 */

/** Model settings with every default decided. `dNorm` is concrete: "batch" only ever for dcgan. */
export interface ResolvedModelConfig {
  arch: Arch;
  zDim: number;
  gHidden: number[];
  dHidden: number[];
  spectralNorm: boolean;
  dNorm: "batch" | "none";
  /** PacGAN packing degree of D; present only when above 1 (so unpacked configs resolve as before). */
  pack?: number;
  /** Batch norm in G's hidden layers (mlp / mlp2d); present only when on (so configs without it resolve as before). */
  gNorm?: "batch";
}

/**
 * An optimizer with its betas filled in (tfjs Adam defaults 0.9 / 0.999; ignored by rmsprop and sgd) and, for
 * rmsprop only, its decay ρ (the trainer's default is RMSPROP_DECAY).
 */
export interface ResolvedOptimizer {
  type: "adam" | "rmsprop" | "sgd";
  lr: number;
  beta1: number;
  beta2: number;
  decay?: number;
}

export type ResolvedTrainingConfig = Omit<TrainingConfig, "model" | "regularizers" | "optimizers" | "nCritic"> & {
  model: ResolvedModelConfig;
  regularizers: RegularizerConfig[];
  optimizers: { g: ResolvedOptimizer; d: ResolvedOptimizer };
  nCritic: number;
};
