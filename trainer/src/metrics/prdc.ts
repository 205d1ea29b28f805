/**
 * Precision, recall, density and coverage (Naeem et al. 2020) from k-nearest-neighbour balls. A sample's radius
 * is the distance to its k-th nearest neighbour in its own set, excluding itself (by index, so a duplicate of a
 * sample still counts as its neighbour). Balls are closed (distance ≤ radius): for continuous features this
 * equals the paper's strict "<" almost surely, and it gives duplicated samples (radius 0) a defined meaning —
 * a fake point equal to such a real point is inside its ball.
 */
import { assertMatrix, assertSameCols, toFloat64, type Matrix } from "./matrix.ts";
import { forEachDistanceTile, type DistanceTileOptions } from "./distance-tiles.ts";
import { knnRadii2 } from "./knn-radii.ts";

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

/**
 * PRDC of `fake` against `real` feature rows. Needs at least k + 1 rows in each set (k neighbours besides
 * oneself). Time O((n + m)² d / 2): each within-set pair and each real–fake pair is computed once, in cache-sized
 * tiles; memory O((n + m)·k) beyond the inputs and their packed copy — distances are compared as squares and
 * never stored as a full matrix. `options` only choose the tiling/kernel; every choice gives identical results.
 */
export function prdc(real: Matrix, fake: Matrix, k = 5, options?: DistanceTileOptions): PrdcResult {
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
  const realRadius2 = knnRadii2(x, d, k, options);
  const fakeRadius2 = knnRadii2(y, d, k, options);

  const realBallsPerFake = new Uint32Array(m); // how many real balls contain each fake sample
  const inFakeBall = new Uint8Array(n); // real sample i lies in some fake ball
  const hasFakeInside = new Uint8Array(n); // real ball i contains some fake sample
  forEachDistanceTile(
    x,
    y,
    d,
    (i0, ni, j0, nj, d2) => {
      for (let r = 0; r < ni; r++) {
        const r2 = realRadius2[i0 + r]!;
        const o = r * nj;
        let recalled = 0;
        let covers = 0;
        for (let t = 0; t < nj; t++) {
          const v = d2[o + t]!;
          const j = j0 + t;
          if (v <= r2) {
            realBallsPerFake[j] = realBallsPerFake[j]! + 1;
            covers = 1;
          }
          if (v <= fakeRadius2[j]!) recalled = 1;
        }
        if (recalled) inFakeBall[i0 + r] = 1;
        if (covers) hasFakeInside[i0 + r] = 1;
      }
    },
    options,
  );
  let precise = 0;
  let densitySum = 0;
  for (let j = 0; j < m; j++) {
    const c = realBallsPerFake[j]!;
    if (c > 0) precise++;
    densitySum += c;
  }
  let recalled = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    recalled += inFakeBall[i]!;
    covered += hasFakeInside[i]!;
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
