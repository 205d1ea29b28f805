/**
 * Precision, recall, density and coverage (Naeem et al. 2020) from k-nearest-neighbour balls. A sample's radius
 * is the distance to its k-th nearest neighbour in its own set, excluding itself (by index, so a duplicate of a
 * sample still counts as its neighbour). Balls are closed (distance ≤ radius): for continuous features this
 * equals the paper's strict "<" almost surely, and it gives duplicated samples (radius 0) a defined meaning —
 * a fake point equal to such a real point is inside its ball.
 */
import { assertMatrix, assertSameCols, toFloat64, type Matrix } from "./matrix.ts";
import { squaredDistanceRows, squaredNorms } from "./dense-kernels.ts";
import { kthSmallest } from "./kth-smallest.ts";

export interface PrdcResult {
  /** Fraction of fake samples inside at least one real k-NN ball. */
  precision: number;
  /** Fraction of real samples inside at least one fake k-NN ball. */
  recall: number;
  /** (1 / (k·m)) Σ_fake (number of real balls containing it); ≈ 1 when fake matches real, unbounded above. */
  density: number;
  /** Fraction of real samples whose own k-NN ball contains at least one fake sample. */
  coverage: number;
  k: number;
  nReal: number;
  nFake: number;
}

/** Rows of distances computed per pass (matches the 4×4 kernel). */
const BLOCK = 4;

/**
 * PRDC of `fake` against `real` feature rows. Needs at least k + 1 rows in each set (k neighbours besides
 * oneself). Time O((n + m)² d); memory O(n + m): distances are streamed a few rows at a time and compared as
 * squares, never stored as a full matrix.
 */
export function prdc(real: Matrix, fake: Matrix, k = 5): PrdcResult {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k: must be a positive integer, got ${k}`);
  assertMatrix("real", real);
  assertMatrix("fake", fake);
  assertSameCols("real", real, "fake", fake);
  if (real.rows < k + 1) throw new Error(`real: PRDC with k = ${k} needs at least ${k + 1} samples, got ${real.rows}`);
  if (fake.rows < k + 1) throw new Error(`fake: PRDC with k = ${k} needs at least ${k + 1} samples, got ${fake.rows}`);
  const n = real.rows;
  const m = fake.rows;
  const d = real.cols;
  const x = toFloat64(real);
  const y = toFloat64(fake);
  const realNorms = squaredNorms(x, d);
  const fakeNorms = squaredNorms(y, d);
  const realRadius2 = knnRadii2(x, realNorms, d, k);
  const fakeRadius2 = knnRadii2(y, fakeNorms, d, k);

  const realBallsPerFake = new Uint32Array(m); // how many real balls contain each fake sample
  let recalled = 0;
  let covered = 0;
  const rows = new Float64Array(BLOCK * m);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const count = Math.min(BLOCK, n - i0);
    squaredDistanceRows(x, i0, count, realNorms, y, fakeNorms, d, rows);
    for (let r = 0; r < count; r++) {
      const r2 = realRadius2[i0 + r]!;
      const o = r * m;
      let inFakeBall = false;
      let hasFakeInside = false;
      for (let j = 0; j < m; j++) {
        const d2 = rows[o + j]!;
        if (d2 <= r2) {
          realBallsPerFake[j] = realBallsPerFake[j]! + 1;
          hasFakeInside = true;
        }
        if (d2 <= fakeRadius2[j]!) inFakeBall = true;
      }
      if (inFakeBall) recalled++;
      if (hasFakeInside) covered++;
    }
  }
  let precise = 0;
  let densitySum = 0;
  for (let j = 0; j < m; j++) {
    const c = realBallsPerFake[j]!;
    if (c > 0) precise++;
    densitySum += c;
  }
  return {
    precision: precise / m,
    recall: recalled / n,
    density: densitySum / (k * m),
    coverage: covered / n,
    k,
    nReal: n,
    nFake: m,
  };
}

/** Squared distance from each row to its k-th nearest other row of the same matrix. */
function knnRadii2(x: Float64Array, norms: Float64Array, d: number, k: number): Float64Array {
  const n = norms.length;
  const out = new Float64Array(n);
  const rows = new Float64Array(BLOCK * n);
  const others = new Float64Array(n - 1);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const count = Math.min(BLOCK, n - i0);
    squaredDistanceRows(x, i0, count, norms, x, norms, d, rows);
    for (let r = 0; r < count; r++) {
      const i = i0 + r;
      const row = rows.subarray(r * n, (r + 1) * n);
      // Drop exactly the self entry by index, not by value.
      others.set(row.subarray(0, i), 0);
      others.set(row.subarray(i + 1), i);
      out[i] = kthSmallest(others, k - 1);
    }
  }
  return out;
}
