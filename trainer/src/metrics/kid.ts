/**
 * Kernel Inception Distance formula (Bińkowski et al. 2018) on arbitrary features: the unbiased MMD² estimate
 * with the cubic polynomial kernel k(x, y) = (x·y / d + 1)³, averaged over random subsets.
 */
import { assertMatrix, assertSameCols, rowDot, type Matrix } from "./matrix.ts";
import { hashSeed, permutation } from "../util/rng.ts";

export interface KidOptions {
  /** Number of random subsets (default 100). */
  subsets?: number;
  /** Rows drawn (without replacement) from each set per subset (default min(1000, nReal, nFake)). */
  subsetSize?: number;
  /** Seed for subset selection. */
  seed: number;
}

export interface KidResult {
  /** Mean of the per-subset unbiased MMD² estimates. */
  mean: number;
  /** Standard error std/√subsets (population std over subsets, as the reference implementation). */
  stderr: number;
  std: number;
  subsets: number;
  subsetSize: number;
  nReal: number;
  nFake: number;
}

/** Gram matrices are cached when all three fit in this many float64 entries (~96 MB); beyond that, recompute. */
const GRAM_CACHE_ENTRIES = 12_000_000;

/**
 * KID between `real` and `fake` feature rows. Note: when `subsetSize` equals both set sizes every subset is the
 * whole set, so all estimates coincide and `stderr` is 0 — that is the estimator, not a bug.
 */
export function kid(real: Matrix, fake: Matrix, options: KidOptions): KidResult {
  assertMatrix("real", real, 2);
  assertMatrix("fake", fake, 2);
  assertSameCols("real", real, "fake", fake);
  const n = real.rows;
  const m = fake.rows;
  const subsets = options.subsets ?? 100;
  const size = options.subsetSize ?? Math.min(1000, n, m);
  if (!Number.isInteger(subsets) || subsets < 1) throw new Error(`subsets: must be a positive integer, got ${subsets}`);
  if (!Number.isInteger(size) || size < 2 || size > n || size > m) {
    throw new Error(`subsetSize: must be an integer in [2, min(nReal, nFake) = ${Math.min(n, m)}], got ${size}`);
  }
  if (!Number.isFinite(options.seed)) throw new Error(`seed: must be a finite number, got ${options.seed}`);

  const d = real.cols;
  const kernel = (a: Matrix, i: number, b: Matrix, j: number): number => (rowDot(a, i, b, j) / d + 1) ** 3;
  const cache = n * n + m * m + n * m <= GRAM_CACHE_ENTRIES;
  const kxx = cache ? gram(real, real, kernel) : undefined;
  const kyy = cache ? gram(fake, fake, kernel) : undefined;
  const kxy = cache ? gram(real, fake, kernel) : undefined;
  const xx = (i: number, j: number) => (kxx ? kxx[i * n + j]! : kernel(real, i, real, j));
  const yy = (i: number, j: number) => (kyy ? kyy[i * m + j]! : kernel(fake, i, fake, j));
  const xy = (i: number, j: number) => (kxy ? kxy[i * m + j]! : kernel(real, i, fake, j));

  const estimates = new Float64Array(subsets);
  for (let s = 0; s < subsets; s++) {
    const ix = permutation(n, hashSeed(options.seed, s, 0)).subarray(0, size);
    const iy = permutation(m, hashSeed(options.seed, s, 1)).subarray(0, size);
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let a = 0; a < size; a++) {
      const ia = ix[a]!;
      const ja = iy[a]!;
      for (let b = a + 1; b < size; b++) {
        sxx += xx(ia, ix[b]!);
        syy += yy(ja, iy[b]!);
      }
      for (let b = 0; b < size; b++) sxy += xy(ia, iy[b]!);
    }
    // Off-diagonal sums were taken over a < b, i.e. half of the i ≠ j pairs.
    estimates[s] = (2 * sxx + 2 * syy) / (size * (size - 1)) - (2 * sxy) / (size * size);
  }

  let mean = 0;
  for (const e of estimates) mean += e;
  mean /= subsets;
  let variance = 0;
  for (const e of estimates) variance += (e - mean) ** 2;
  const std = Math.sqrt(variance / subsets);
  return { mean, stderr: std / Math.sqrt(subsets), std, subsets, subsetSize: size, nReal: n, nFake: m };
}

/** Full kernel matrix a×b (row-major), exploiting symmetry when a and b are the same matrix. */
function gram(a: Matrix, b: Matrix, kernel: (a: Matrix, i: number, b: Matrix, j: number) => number): Float64Array {
  const out = new Float64Array(a.rows * b.rows);
  const same = a === b;
  for (let i = 0; i < a.rows; i++) {
    for (let j = same ? i : 0; j < b.rows; j++) {
      const v = kernel(a, i, b, j);
      out[i * b.rows + j] = v;
      if (same) out[j * b.rows + i] = v;
    }
  }
  return out;
}
