import * as tf from "@tensorflow/tfjs-core";
import type { Dataset } from "../data/types.ts";
import { gaussian, hashSeed, mulberry32, Stream } from "../util/rng.ts";

/**
 * Every random input of a step is a pure function of (seed, step, i), so a run resumed at step N draws exactly what
 * an uninterrupted run would. Critic update i of step s uses data batch s·nCritic + i and latent seed
 * hashSeed(seed, Stream.latent, s, i); the generator update of step s uses latent index i = nCritic and, for
 * relativistic losses, batch s of the separate generatorReal stream.
 */

/** Standard-normal latents [n, zDim] from a seed (JS-side draws: identical on every backend). */
export function latents(n: number, zDim: number, seed: number): tf.Tensor2D {
  const g = gaussian(mulberry32(seed));
  const z = new Float32Array(n * zDim);
  for (let i = 0; i < z.length; i++) z[i] = g();
  return tf.tensor2d(z, [n, zDim]);
}

/** Data batch k of size n as a tensor [n, ...sampleShape]. */
export function realBatch(dataset: Dataset, k: number, n: number, seed: number): tf.Tensor {
  const shape = dataset.info.sampleShape;
  const data = dataset.batch(k, n, seed);
  const per = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n * per) {
    throw new Error(`dataset "${dataset.info.id}": batch ${k} has ${data.length} values, expected ${n}×${per}`);
  }
  return tf.tensor(data, [n, ...shape], "float32");
}

export interface StepDraws {
  real: tf.Tensor;
  z: tf.Tensor;
  penaltySeed: number;
}

/** Inputs of critic update i in step `step`. */
export function criticDraws(ds: Dataset, seed: number, step: number, i: number, nCritic: number, batch: number, zDim: number): StepDraws {
  return {
    real: realBatch(ds, step * nCritic + i, batch, seed),
    z: latents(batch, zDim, hashSeed(seed, Stream.latent, step, i)),
    penaltySeed: hashSeed(seed, Stream.penalty, step, i),
  };
}

/** Inputs of the generator update in step `step`; `real` only when the loss needs it. */
export function generatorDraws(
  ds: Dataset,
  seed: number,
  step: number,
  nCritic: number,
  batch: number,
  zDim: number,
  needsReal: boolean,
): { z: tf.Tensor; real?: tf.Tensor } {
  const z = latents(batch, zDim, hashSeed(seed, Stream.latent, step, nCritic));
  if (!needsReal) return { z };
  return { z, real: realBatch(ds, step, batch, hashSeed(seed, Stream.generatorReal)) };
}
