/**
 * Sliced Wasserstein-1 distance: the average, over random unit directions θ, of the exact 1-D Wasserstein-1
 * distance between the projections θ·x and θ·y. Works in any dimension; in 1-D every direction is ±1 and the
 * result is the exact W1.
 */
import { assertMatrix, assertSameCols, type Matrix } from "./matrix.ts";
import { gaussian, hashSeed, mulberry32 } from "../util/rng.ts";

export interface SlicedWassersteinOptions {
  /** Number of random directions (default 128). */
  projections?: number;
  /** Seed for the directions; the same seed gives the same directions, so runs are comparable. */
  seed: number;
}

export interface SlicedWassersteinResult {
  value: number;
  projections: number;
  nReal: number;
  nFake: number;
}

/** Monte-Carlo sliced W1 between the rows of `real` and `fake` with directions uniform on the unit sphere. */
export function slicedWasserstein1(real: Matrix, fake: Matrix, options: SlicedWassersteinOptions): SlicedWassersteinResult {
  assertMatrix("real", real);
  assertMatrix("fake", fake);
  assertSameCols("real", real, "fake", fake);
  const projections = options.projections ?? 128;
  if (!Number.isInteger(projections) || projections < 1) {
    throw new Error(`projections: must be a positive integer, got ${projections}`);
  }
  if (!Number.isFinite(options.seed)) throw new Error(`seed: must be a finite number, got ${options.seed}`);
  const d = real.cols;
  const normal = gaussian(mulberry32(hashSeed(options.seed)));
  const theta = new Float64Array(d);
  const px = new Float64Array(real.rows);
  const py = new Float64Array(fake.rows);
  let total = 0;
  for (let p = 0; p < projections; p++) {
    // A normalised isotropic Gaussian vector is uniform on the sphere.
    let norm = 0;
    do {
      norm = 0;
      for (let j = 0; j < d; j++) {
        theta[j] = normal();
        norm += theta[j]! ** 2;
      }
    } while (norm === 0);
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) theta[j] = theta[j]! / norm;
    project(real, theta, px);
    project(fake, theta, py);
    px.sort();
    py.sort();
    total += wasserstein1Sorted(px, py);
  }
  return { value: total / projections, projections, nReal: real.rows, nFake: fake.rows };
}

function project(m: Matrix, theta: Float64Array, out: Float64Array): void {
  const d = m.cols;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += m.data[i * d + j]! * theta[j]!;
    out[i] = s;
  }
}

/**
 * Exact W1 between two sorted 1-D samples of any sizes: ∫₀¹ |F⁻¹(t) − G⁻¹(t)| dt, walking the merged
 * quantile breakpoints i/n and j/m (both quantile functions are constant between them).
 */
export function wasserstein1Sorted(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let t = 0;
  let sum = 0;
  while (i < n && j < m) {
    const nextA = (i + 1) / n;
    const nextB = (j + 1) / m;
    const next = Math.min(nextA, nextB);
    sum += (next - t) * Math.abs(a[i]! - b[j]!);
    t = next;
    // Advance by index comparison (i+1)·m vs (j+1)·n so equal breakpoints move both without float drift.
    const ca = (i + 1) * m;
    const cb = (j + 1) * n;
    if (ca <= cb) i++;
    if (cb <= ca) j++;
  }
  return sum;
}
