import { GeneratorInputError, MIN_TRUNCATION } from "@gantry/core";
import { Stream, gaussian, hashSeed, mulberry32 } from "../util/rng.ts";

export { MIN_TRUNCATION };

/**
 * Draws n × zDim standard-normal latents for a sampling request, as a pure function of `seed` (JS-side
 * Box–Muller, so the numbers are the same on every backend). One sequential stream is used, so the first k
 * latents of a request for n ≥ k samples equal those of a request for k samples with the same seed.
 *
 * Truncation trick (Brock et al. 2019, BigGAN): with `truncation` t, every coordinate with |z| > t is redrawn from
 * the same stream until it falls inside [−t, t] (resampling, not clamping: clamping would pile mass on ±t).
 */
export function drawLatents(n: number, zDim: number, seed: number, truncation?: number): Float32Array {
  if (truncation !== undefined && !(truncation >= MIN_TRUNCATION)) {
    throw new GeneratorInputError("truncation", `must be a number ≥ ${MIN_TRUNCATION}, got ${truncation}`);
  }
  const normal = gaussian(mulberry32(hashSeed(seed, Stream.sample)));
  const out = new Float32Array(n * zDim);
  for (let i = 0; i < out.length; i++) {
    let z = normal();
    if (truncation !== undefined) while (Math.abs(z) > truncation) z = normal();
    out[i] = z;
  }
  return out;
}

/**
 * `steps` latents from a to b inclusive. "slerp" follows the great circle (keeps the norm profile of Gaussian
 * latents; falls back to linear when a and b are nearly parallel); "linear" is the straight line.
 */
export function interpolateLatents(a: Float32Array, b: Float32Array, steps: number, mode: "slerp" | "linear" = "slerp"): Float32Array {
  if (a.length !== b.length) throw new GeneratorInputError("to", `differs in length from "from": ${b.length} vs ${a.length}`);
  if (!Number.isInteger(steps) || steps < 2) throw new GeneratorInputError("steps", `must be an integer ≥ 2, got ${steps}`);
  const d = a.length;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < d; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1;
  const omega = Math.acos(cos);
  const linear = mode === "linear" || Math.sin(omega) < 1e-6;
  const out = new Float32Array(steps * d);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    const wa = linear ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
    const wb = linear ? t : Math.sin(t * omega) / Math.sin(omega);
    for (let i = 0; i < d; i++) out[s * d + i] = wa * a[i]! + wb * b[i]!;
  }
  return out;
}
