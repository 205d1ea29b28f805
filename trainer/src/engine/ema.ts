import * as tf from "@tensorflow/tfjs-core";
import { buildNetwork } from "../models/index.ts";
import type { Network } from "../models/types.ts";
import type { ResolvedTrainingConfig } from "@gantry/core";

/** A copy of G (keys "ema/g/…") starting from G's current weights and state. */
export function createEma(config: ResolvedTrainingConfig, sampleShape: number[], g: Network): Network {
  const ema = buildNetwork(config, sampleShape, "g", "ema/g");
  copyNetwork(ema, g);
  return ema;
}

/** dst ← src for every trainable and state variable. */
export function copyNetwork(dst: Network, src: Network): void {
  tf.tidy(() => {
    dst.trainable.forEach((v, i) => v.assign(tf.clone(src.trainable[i]!)));
    dst.state.forEach((v, i) => v.assign(tf.clone(src.state[i]!)));
  });
}

/**
 * ema ← d·ema + (1 − d)·g for G's trainable weights after each generator update. Batch-norm moving statistics are
 * copied from G instead of averaged: they already are running averages of G's own activations.
 */
export function updateEma(ema: Network, g: Network, decay: number): void {
  tf.tidy(() => {
    ema.trainable.forEach((v, i) => v.assign(tf.add(tf.mul(v, decay), tf.mul(g.trainable[i]!, 1 - decay))));
    ema.state.forEach((v, i) => v.assign(tf.clone(g.state[i]!)));
  });
}
