/**
 * Test support for the backend layer: finite-difference gradient checks and leak assertions.
 * Not part of the public API.
 */
import * as tf from "@tensorflow/tfjs-core";

/** Analytic vs numeric directional derivative for one input. */
export interface DirectionalResult {
  analytic: number;
  numeric: number;
}

/** Deterministic pseudo-random values in [-1, 1) (no tfjs RNG, so identical on every backend). */
export function seeded(shape: number[], seed: number, scale = 1): tf.Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    v[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return tf.tensor(v, shape, "float32");
}

/**
 * For a scalar function f, compares ⟨∂f/∂xᵢ, vᵢ⟩ (from tf.grads) with the central difference
 * (f(x + εvᵢ) − f(x − εvᵢ)) / 2ε along a fixed pseudo-random direction vᵢ, for every input i.
 * Non-scalar outputs are contracted with fixed weights first.
 */
export function directional(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], eps = 1e-2): DirectionalResult[] {
  return tf.tidy(() => {
    const probe = (y: tf.Tensor): tf.Tensor => (y.rank === 0 ? y : tf.sum(tf.mul(y, seeded(y.shape, 977))));
    const scalarF = (...args: tf.Tensor[]): tf.Tensor => probe(f(...args));
    const grads = tf.grads(scalarF)(xs);
    return xs.map((x, i) => {
      const v = seeded(x.shape, 31 + i);
      const shifted = (sign: number): number => {
        const args = xs.map((t, j) => (j === i ? tf.add(t, tf.mul(v, sign * eps)) : t));
        return scalarF(...args).dataSync()[0]!;
      };
      const numeric = (shifted(1) - shifted(-1)) / (2 * eps);
      const analytic = tf.sum(tf.mul(grads[i]!, v)).dataSync()[0]!;
      return { analytic, numeric };
    });
  });
}

/** True when |a − b| ≤ atol + rtol·max(|a|, |b|). */
export function close(a: number, b: number, rtol: number, atol: number): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** Largest |a − b| over two same-shaped tensors, relative to max(1, max|b|). */
export function relMaxDiff(a: tf.Tensor, b: tf.Tensor): number {
  const av = a.dataSync();
  const bv = b.dataSync();
  if (av.length !== bv.length) throw new Error(`size mismatch ${a.shape} vs ${b.shape}`);
  let diff = 0;
  let mag = 1;
  for (let i = 0; i < av.length; i++) {
    diff = Math.max(diff, Math.abs(av[i]! - bv[i]!));
    mag = Math.max(mag, Math.abs(bv[i]!));
  }
  return diff / mag;
}

/** Engine tensors, engine buffers, and buffers the active backend itself holds. */
function counts(): [number, number, number] {
  const m = tf.memory();
  return [m.numTensors, m.numDataBuffers, tf.engine().backend.numDataIds()];
}

/**
 * Runs fn and throws if it left engine tensors or backend buffers behind. The backend count
 * also catches kernel-internal temporaries that a replacement kernel forgot to free.
 */
export async function expectNoLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = counts();
  const out = await fn();
  const after = counts();
  if (after.some((n, i) => n !== before[i])) {
    throw new Error(`leak: [tensors, buffers, backend ids] ${before.join(",")} -> ${after.join(",")}`);
  }
  return out;
}

/** Values in ±[lo, hi]: keeps inputs clear of the kinks at 0 that finite differences cannot cross. */
export function awayFromZero(shape: number[], seed: number, lo = 0.2, hi = 1): tf.Tensor {
  return tf.tidy(() => {
    const u = seeded(shape, seed);
    return tf.mul(tf.sign(u), tf.add(lo, tf.mul(tf.abs(u), hi - lo)));
  });
}
