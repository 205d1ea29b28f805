import * as tf from "@tensorflow/tfjs-core";

/** Training produced NaN or ±Inf. `what` names the value: "d_loss", "g_loss" or a variable key. */
export class DivergedError extends Error {
  constructor(
    readonly step: number,
    readonly what: string,
  ) {
    super(`diverged at step ${step}: ${what}`);
    this.name = "DivergedError";
  }
}

/**
 * Name of the first tensor holding NaN or ±Inf, or null. One device read for all of them: x·0 is 0 for finite x
 * and NaN otherwise, so each sum is 0 exactly when the tensor is finite (no overflow from large finite values).
 */
export function firstNonFinite(named: ReadonlyArray<readonly [string, tf.Tensor]>): string | null {
  if (named.length === 0) return null;
  const flags = tf.tidy(() => tf.stack(named.map(([, t]) => tf.sum(tf.mul(t, 0)))).dataSync());
  const i = flags.findIndex((f) => f !== 0);
  return i < 0 ? null : named[i]![0];
}
