/**
 * Kernel Inception Distance formula (Bińkowski et al. 2018) on arbitrary features: the unbiased MMD² estimate
 * with the cubic polynomial kernel k(x, y) = (x·y / d + 1)³, averaged over random subsets.
 */
import { assertMatrix, assertSameCols, toFloat64, type Matrix } from "./matrix.ts";
import { dotRows } from "./dense-kernels.ts";
import { hashSeed, permutation } from "../util/rng.ts";

export interface KidOptions {
  /** Number of random subsets (default 100). */
  subsets?: number;
  /** Rows drawn (without replacement) from each set per subset (default min(1000, nReal, nFake)). */
  subsetSize?: number;
  /** Seed for subset selection. */
  seed: number;
  /**
   * Memory knob: whole-set kernel matrices are precomputed when they total at most this many float64 entries
   * (default 12M ≈ 96 MB); beyond it kernels are computed per subset. Same result either way, up to round-off.
   */
  gramCacheEntries?: number;
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

const GRAM_CACHE_ENTRIES = 12_000_000;

/**
 * KID between `real` and `fake` feature rows. Kernel values are computed once for the whole sets when they fit
 * the cache (then each subset costs O(s²)); otherwise per subset (O(s² d) each). When `subsetSize` equals both set
 * sizes every subset is the whole set, all estimates coincide and `stderr` is 0: that is the estimator.
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
  const x = toFloat64(real);
  const y = toFloat64(fake);
  const cached = n * n + m * m + n * m <= (options.gramCacheEntries ?? GRAM_CACHE_ENTRIES);
  const kxxAll = cached ? kernelMatrix(x, x, n, d) : undefined;
  const kyyAll = cached ? kernelMatrix(y, y, m, d) : undefined;
  const kxyAll = cached ? kernelMatrix(x, y, m, d) : undefined;

  const estimates = new Float64Array(subsets);
  for (let s = 0; s < subsets; s++) {
    // Both sums run over all pairs of the subset, so its order is irrelevant: sort for memory locality.
    const ix = permutation(n, hashSeed(options.seed, s, 0))
      .subarray(0, size)
      .sort();
    const iy = permutation(m, hashSeed(options.seed, s, 1))
      .subarray(0, size)
      .sort();
    let kxx = kxxAll;
    let kyy = kyyAll;
    let kxy = kxyAll;
    let rx = ix;
    let ry = iy;
    let strideX = n; // row length of kxx
    let strideY = m; // row length of kyy and of kxy (columns are fake samples)
    if (!kxx || !kyy || !kxy) {
      // Gather the subset rows and compute their kernel matrices; indices become 0..size−1.
      const xs = gather(x, ix, d);
      const ys = gather(y, iy, d);
      [kxx, kyy, kxy] = [kernelMatrix(xs, xs, size, d), kernelMatrix(ys, ys, size, d), kernelMatrix(xs, ys, size, d)];
      strideX = strideY = size;
      rx = ry = identity(size);
    }
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let a = 0; a < size; a++) {
      const oxx = rx[a]! * strideX;
      const oxy = rx[a]! * strideY;
      const oyy = ry[a]! * strideY;
      for (let b = a + 1; b < size; b++) {
        sxx += kxx[oxx + rx[b]!]!;
        syy += kyy[oyy + ry[b]!]!;
      }
      for (let b = 0; b < size; b++) sxy += kxy[oxy + ry[b]!]!;
    }
    // Off-diagonal sums ran over a < b, i.e. half of the i ≠ j pairs.
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

/** Row-major (rows of a) × nb kernel matrix (x·y/d + 1)³ against the nb rows of `b`. */
function kernelMatrix(a: Float64Array, b: Float64Array, nb: number, d: number): Float64Array {
  const na = a.length / d;
  const out = new Float64Array(na * nb);
  for (let i0 = 0; i0 < na; i0 += 4) {
    const count = Math.min(4, na - i0);
    const block = out.subarray(i0 * nb, (i0 + count) * nb);
    dotRows(a, i0, count, b, nb, d, block);
    for (let t = 0; t < block.length; t++) {
      const v = block[t]! / d + 1;
      block[t] = v * v * v;
    }
  }
  return out;
}

function gather(src: Float64Array, rows: Uint32Array, d: number): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(src.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

function identity(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}
