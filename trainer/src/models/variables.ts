import * as tf from "@tensorflow/tfjs-core";
import { gaussian, mulberry32 } from "../util/rng.ts";

/**
 * Variable naming and seeded initialisation. Every model variable has a stable key such as "g/dense0/kernel" (the
 * checkpoint key). tfjs registers variables in one global map by name, so a second live model with the same keys
 * (two sessions in one process, an EMA copy, a resumed run next to the original) gets the name `key#k` with the
 * smallest free k; `variableKey` strips that suffix again.
 */

/** The stable checkpoint key of a model variable (its name without a `#k` instance suffix). */
export function variableKey(v: tf.Variable): string {
  return v.name.replace(/#\d+$/, "");
}

function freeName(key: string): string {
  const taken = tf.engine().registeredVariables;
  if (taken[key] === undefined) return key;
  for (let k = 1; ; k++) if (taken[`${key}#${k}`] === undefined) return `${key}#${k}`;
}

/** Creates a variable named `key` (or `key#k` if that name is live) holding `values`. */
export function makeVariable(key: string, shape: number[], values: Float32Array, trainable: boolean): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, shape, "float32"), trainable, freeName(key)));
}

/** A seeded stream of init values: one per layer, so adding a layer never shifts another layer's weights. */
export interface InitStream {
  uniform(count: number, limit: number): Float32Array;
  normal(count: number, mean: number, std: number): Float32Array;
}

/** Builds an init stream from a seed (from `hashSeed(seed, Stream.init, net, layerIndex)`). */
export function initStream(seed: number): InitStream {
  const u = mulberry32(seed);
  const g = gaussian(u);
  return {
    uniform(count, limit) {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = (2 * u() - 1) * limit;
      return out;
    },
    normal(count, mean, std) {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = mean + std * g();
      return out;
    },
  };
}

/** Product of a shape's dimensions. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
