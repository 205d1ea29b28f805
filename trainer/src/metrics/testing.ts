/** Seeded synthetic data for the metric tests (kept out of `index.ts`: not part of the public API). */
import { gaussian, hashSeed, mulberry32 } from "../util/rng.ts";
import { dotRows, dotsToSquaredDistances } from "./dense-kernels.ts";
import type { Matrix } from "./matrix.ts";

/** Untiled reference: squared distances from rows i0..i0+count−1 of `a` to every row of `b`, into out[r·nb + j]. */
export function squaredDistanceRows(
  a: Float64Array,
  i0: number,
  count: number,
  aNorms: Float64Array,
  b: Float64Array,
  bNorms: Float64Array,
  d: number,
  out: Float64Array,
): void {
  dotRows(a, i0, count, b, bNorms.length, d, out);
  dotsToSquaredDistances(out, count, bNorms.length, aNorms, i0, bNorms, 0);
}

/** n×d matrix of N(shift, scale²) entries. */
export function gaussianMatrix(n: number, d: number, seed: number, shift = 0, scale = 1): Matrix {
  const g = gaussian(mulberry32(hashSeed(seed, n, d)));
  const data = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) data[i] = shift + scale * g();
  return { data, rows: n, cols: d };
}

/** The ring-of-8 benchmark: mode centres on a circle, flat k×2. */
export const RING8_RADIUS = 2 / 1.414;
export const RING8_SIGMA = 0.02 / 1.414;
export function ring8Modes(): Float64Array {
  const modes = new Float64Array(16);
  for (let c = 0; c < 8; c++) {
    modes[2 * c] = RING8_RADIUS * Math.cos((2 * Math.PI * c) / 8);
    modes[2 * c + 1] = RING8_RADIUS * Math.sin((2 * Math.PI * c) / 8);
  }
  return modes;
}

/** n samples from the ring-8 mixture (uniform mode choice), or only from `onlyMode` when given. */
export function ring8Samples(n: number, seed: number, onlyMode?: number): Matrix {
  const modes = ring8Modes();
  const u = mulberry32(hashSeed(seed, 8));
  const g = gaussian(mulberry32(hashSeed(seed, 9)));
  const data = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = onlyMode ?? Math.floor(u() * 8);
    data[2 * i] = modes[2 * c]! + RING8_SIGMA * g();
    data[2 * i + 1] = modes[2 * c + 1]! + RING8_SIGMA * g();
  }
  return { data, rows: n, cols: 2 };
}

/** Adds `scale`·N(0, 1) noise to every entry of `m` (a copy). */
export function withNoise(m: Matrix, scale: number, seed: number): Matrix {
  const g = gaussian(mulberry32(hashSeed(seed, 77)));
  const data = Float64Array.from(m.data, (v) => v + scale * g());
  return { data, rows: m.rows, cols: m.cols };
}
