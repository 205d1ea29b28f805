import type * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "./layers.ts";

/** A network built from plain tfjs-core variables (no tfjs-layers), so checkpoints and gradients stay explicit. */
export interface Network {
  /** The layers in order (their `keras` specs give the weights export). */
  readonly layers: readonly Layer[];
  /** Trainable variables in a stable order; names are stable across runs (checkpoint keys). */
  readonly trainable: tf.Variable[];
  /** Non-trainable state saved in checkpoints: batch-norm moving statistics, spectral-norm power-iteration vectors. */
  readonly state: tf.Variable[];
  /** Forward pass. `training` selects batch statistics and updates state (BN, spectral norm). */
  apply(x: tf.Tensor, opts: { training: boolean }): tf.Tensor;
  dispose(): void;
}

export interface GanModels {
  generator: Network;
  discriminator: Network;
  /** Latent dimension of G's input. */
  zDim: number;
  /** Per-sample data shape, e.g. [2], [784] or [28, 28, 1]. */
  sampleShape: number[];
}
