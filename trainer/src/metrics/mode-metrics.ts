/**
 * Mode-coverage metrics for 2-D mixture benchmarks (ring / grid of Gaussians), following the VEEGAN and PacGAN
 * protocol: a sample is high quality when it lies within 3σ of its nearest mode, and a mode is captured when it is
 * the nearest mode of at least one high-quality sample.
 */
import { assertFinite, assertMatrix, type Matrix } from "./matrix.ts";

/** Evaluation size used by VEEGAN/PacGAN; callers pass that many generated samples. */
export const DEFAULT_2D_SAMPLES = 2500;

export interface ModeMetrics {
  modesCaptured: number;
  totalModes: number;
  /** High-quality samples / all samples. */
  highQualityFraction: number;
  /**
   * KL(p ‖ u) in nats, p = histogram of high-quality samples over their nearest modes, u = uniform over modes.
   * Empty bins contribute 0 (the 0·log 0 = 0 limit), so it is 0 for a perfectly even spread and log k when every
   * high-quality sample sits on one mode. With no high-quality samples p is undefined; we report log k, the
   * worst value any histogram can reach, so the number stays finite (check `nHighQuality` to tell the cases apart).
   */
  reverseKL: number;
  /** High-quality sample count per mode (length `totalModes`). */
  perMode: number[];
  nSamples: number;
  nHighQuality: number;
}

/**
 * Mode metrics of 2-D `samples` (n×2) against `modes` (flat k×2: x0, y0, x1, y1, …) whose components have
 * per-coordinate standard deviation `sigma`.
 */
export function modeMetrics(samples: Matrix, modes: Float32Array | Float64Array, sigma: number): ModeMetrics {
  assertMatrix("samples", samples);
  if (samples.cols !== 2) throw new Error(`samples: expected 2 columns, got ${samples.cols}`);
  if (modes.length < 2 || modes.length % 2 !== 0) {
    throw new Error(`modes: expected a flat k×2 array, got length ${modes.length}`);
  }
  assertFinite("modes", modes);
  if (!Number.isFinite(sigma) || sigma <= 0) throw new Error(`sigma: must be a positive finite number, got ${sigma}`);

  const k = modes.length / 2;
  const n = samples.rows;
  const threshold2 = (3 * sigma) ** 2;
  const perMode = new Array<number>(k).fill(0);
  let nHighQuality = 0;
  for (let i = 0; i < n; i++) {
    const x = samples.data[2 * i]!;
    const y = samples.data[2 * i + 1]!;
    let best = 0;
    let bestD2 = Infinity;
    for (let c = 0; c < k; c++) {
      const d2 = (x - modes[2 * c]!) ** 2 + (y - modes[2 * c + 1]!) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = c;
      }
    }
    if (bestD2 <= threshold2) {
      perMode[best] = perMode[best]! + 1;
      nHighQuality++;
    }
  }

  let modesCaptured = 0;
  let reverseKL = Math.log(k);
  if (nHighQuality > 0) {
    reverseKL = 0;
    for (const count of perMode) {
      if (count === 0) continue;
      modesCaptured++;
      const p = count / nHighQuality;
      reverseKL += p * Math.log(p * k);
    }
    reverseKL = Math.max(0, reverseKL); // round-off on an exactly uniform histogram
  }
  return {
    modesCaptured,
    totalModes: k,
    highQualityFraction: nHighQuality / n,
    reverseKL,
    perMode,
    nSamples: n,
    nHighQuality,
  };
}
