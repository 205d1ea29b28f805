import { describe, expect, it } from "vitest";
import { prdc } from "./prdc.ts";
import { fromRows, type Matrix } from "./matrix.ts";
import { gaussianMatrix, squaredDistanceRows } from "./testing.ts";
import { squaredNorms } from "./dense-kernels.ts";
import type { DistanceTileOptions } from "./distance-tiles.ts";

/** Naive PRDC straight from the paper's definitions: direct distances, full sorts, closed balls. */
function naivePrdc(real: Matrix, fake: Matrix, k: number) {
  const row = (m: Matrix, i: number) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, c) => s + (v - b[c]!) ** 2, 0));
  const xs = Array.from({ length: real.rows }, (_, i) => row(real, i));
  const ys = Array.from({ length: fake.rows }, (_, i) => row(fake, i));
  const radius = (set: number[][], i: number) =>
    set
      .filter((_, j) => j !== i)
      .map((p) => dist(set[i]!, p))
      .sort((a, b) => a - b)[k - 1]!;
  const rx = xs.map((_, i) => radius(xs, i));
  const ry = ys.map((_, j) => radius(ys, j));
  const inside = ys.map((y) => xs.filter((x, i) => dist(x, y) <= rx[i]!).length);
  return {
    precision: inside.filter((c) => c > 0).length / ys.length,
    recall: xs.filter((x) => ys.some((y, j) => dist(x, y) <= ry[j]!)).length / xs.length,
    density: inside.reduce((a, b) => a + b, 0) / (k * ys.length),
    coverage: xs.filter((x, i) => ys.some((y) => dist(x, y) <= rx[i]!)).length / xs.length,
  };
}

/**
 * The untiled, unsymmetric computation PRDC used before tiling: a full row of squared distances per sample (same
 * norm-based formula), radii by sorting each row without its self entry. Results must match it exactly.
 */
function bruteForcePrdc(real: Matrix, fake: Matrix, k: number) {
  const d = real.cols;
  const x = real.data as Float64Array;
  const y = fake.data as Float64Array;
  const xn = squaredNorms(x, d);
  const yn = squaredNorms(y, d);
  const rows = (a: Float64Array, an: Float64Array, b: Float64Array, bn: Float64Array) =>
    Array.from(an, (_, i) => {
      const row = new Float64Array(bn.length);
      squaredDistanceRows(a, i, 1, an, b, bn, d, row);
      return row;
    });
  const radii = (dist: Float64Array[]) => dist.map((row, i) => row.filter((_, j) => j !== i).sort()[k - 1]!);
  const rx = radii(rows(x, xn, x, xn));
  const ry = radii(rows(y, yn, y, yn));
  const cross = rows(x, xn, y, yn);
  const inside = ry.map((_, j) => cross.filter((row, i) => row[j]! <= rx[i]!).length);
  return {
    precision: inside.filter((c) => c > 0).length / ry.length,
    recall: cross.filter((row) => row.some((v, j) => v <= ry[j]!)).length / rx.length,
    density: inside.reduce((a, b) => a + b, 0) / (k * ry.length),
    coverage: cross.filter((row, i) => row.some((v) => v <= rx[i]!)).length / rx.length,
    k,
    nReal: rx.length,
    nFake: ry.length,
  };
}

/** Integer points on a small grid: many exact ties and duplicates within and across the sets. */
function gridMatrix(n: number, d: number, seed: number): Matrix {
  const g = gaussianMatrix(n, d, seed);
  return { data: g.data.map((v) => Math.round(v * 1.5)), rows: n, cols: d };
}

const TILINGS: DistanceTileOptions[] = [{}, { kernel: "js" }, { tileRows: 4 }, { tileRows: 8, kernel: "js" }];

describe("prdc", () => {
  it("matches a hand-computed 1-D example (k = 1)", () => {
    // Real radii: 0→1, 1→1, 3→2, 6→3. Fake radii: 0.5→2, 2.5→2, 9.5→7, 20→10.5.
    // Real balls containing each fake: 0.5 ∈ {0, 1}; 2.5 ∈ {3}; 9.5, 20 ∈ none.
    // Recall: 0, 1 (fake 0.5), 3 (fake 2.5), 6 (fake 9.5, radius 7) all inside. Coverage: 6's nearest fake is 3.5 > 3.
    const r = prdc(fromRows([[0], [1], [3], [6]]), fromRows([[0.5], [2.5], [9.5], [20]]), 1);
    expect(r).toEqual({ precision: 0.5, recall: 1, density: 0.75, coverage: 0.75, k: 1, nReal: 4, nFake: 4 });
  });

  it("agrees exactly with a naive implementation on random data", () => {
    for (const [n, m, d, k] of [
      [30, 25, 3, 3],
      [17, 40, 7, 5],
      [9, 9, 2, 1],
    ] as const) {
      const real = gaussianMatrix(n, d, n + d);
      const fake = gaussianMatrix(m, d, m + d + 100, 0.3);
      const { precision, recall, density, coverage } = prdc(real, fake, k);
      const ref = naivePrdc(real, fake, k);
      expect(precision).toBe(ref.precision);
      expect(recall).toBe(ref.recall);
      expect(density).toBeCloseTo(ref.density, 12);
      expect(coverage).toBe(ref.coverage);
    }
  });

  it("tiled, symmetric and SIMD paths give identical results to the untiled brute force on awkward sizes", () => {
    const cases: [Matrix, Matrix, number][] = [
      [gaussianMatrix(6, 3, 1), gaussianMatrix(6, 3, 2), 5], // n = m = k + 1
      [gaussianMatrix(70, 1, 3), gaussianMatrix(67, 1, 4, 0.2), 5], // d = 1, neither a multiple of 4 nor of 64
      [gaussianMatrix(131, 9, 5), gaussianMatrix(45, 9, 6, 0.3, 1.2), 3], // past two 64-row tiles
      [gridMatrix(50, 2, 7), gridMatrix(37, 2, 8), 4], // duplicates, zero radii, ties on the ball boundary
      [gridMatrix(29, 1, 9), gridMatrix(33, 1, 10), 2],
    ];
    for (const [real, fake, k] of cases) {
      const want = bruteForcePrdc(real, fake, k);
      for (const options of TILINGS) expect(prdc(real, fake, k, options)).toEqual(want);
    }
    // The grid cases really exercise duplicates, and agree with the direct-difference definition too.
    const [, , , [real, fake, k]] = cases as [unknown, unknown, unknown, [Matrix, Matrix, number]];
    const ref = naivePrdc(real, fake, k);
    expect(prdc(real, fake, k)).toMatchObject({ ...ref, density: expect.closeTo(ref.density, 12) });
    expect(ref.density).toBeGreaterThan(1); // duplicated fakes sit in many zero-radius real balls
  });

  it("two samples of one 64-D Gaussian (n = 1000, k = 5) give the known identical-distribution values", () => {
    const r = prdc(gaussianMatrix(1000, 64, 1), gaussianMatrix(1000, 64, 2));
    // Precision/recall for identical distributions fall with dimension and rise with n: at n = 1000, d = 64 they
    // are ≈ 0.73 (cross-checked with an independent NumPy implementation: 0.714–0.755 over seeds). The ≈ 0.48 of
    // the PRDC README is for n = 10 000, d = 1000, which the same NumPy code reproduces (0.46 / 0.49).
    expect(r.precision).toBeGreaterThan(0.68);
    expect(r.precision).toBeLessThan(0.78);
    expect(r.recall).toBeGreaterThan(0.68);
    expect(r.recall).toBeLessThan(0.78);
    expect(r.density).toBeGreaterThan(0.9); // E[density] = 1 (Naeem et al., Lemma 1)
    expect(r.density).toBeLessThan(1.1);
    // E[coverage] = 1 − Π_{i=1..k} (N − i)/(N + M − i) ≈ 0.969 (Naeem et al., Lemma 2).
    let prod = 1;
    for (let i = 1; i <= 5; i++) prod *= (1000 - i) / (2000 - i);
    expect(1 - prod).toBeCloseTo(0.969, 3);
    expect(r.coverage).toBeGreaterThan(0.94);
    expect(r.coverage).toBeLessThan(1);
    expect(r).toMatchObject({ k: 5, nReal: 1000, nFake: 1000 });
  });

  it("a far-shifted fake set has zero precision, recall, density and coverage", () => {
    const r = prdc(gaussianMatrix(200, 8, 3), gaussianMatrix(150, 8, 4, 50));
    expect(r).toMatchObject({ precision: 0, recall: 0, density: 0, coverage: 0, nReal: 200, nFake: 150 });
  });

  it("identical samples (zero radii) use closed balls: duplicates of a real point are inside its ball", () => {
    const p = fromRows(Array.from({ length: 10 }, () => [1, 2, 3]));
    const same = prdc(p, p, 5);
    // Every fake lies in all 10 real balls: density = 10 / k.
    expect(same).toMatchObject({ precision: 1, recall: 1, coverage: 1, density: 2 });
    const q = fromRows(Array.from({ length: 10 }, () => [1, 2, 3.001]));
    expect(prdc(p, q, 5)).toMatchObject({ precision: 0, recall: 0, coverage: 0, density: 0 });
  });

  it("needs k + 1 samples per set and rejects bad input, naming the argument", () => {
    const six = gaussianMatrix(6, 2, 5);
    const five = gaussianMatrix(5, 2, 6);
    expect(prdc(six, six, 5).precision).toBe(1);
    expect(() => prdc(five, six, 5)).toThrow(/real: PRDC with k = 5 needs at least 6 samples, got 5/);
    expect(() => prdc(six, five, 5)).toThrow(/fake: PRDC with k = 5 needs at least 6 samples, got 5/);
    expect(() => prdc(six, six, 0)).toThrow(/k:/);
    expect(() => prdc(six, gaussianMatrix(6, 3, 7))).toThrow(/fake: has 3 columns/);
    const bad = gaussianMatrix(6, 2, 8);
    bad.data[3] = Number.NaN;
    expect(() => prdc(six, bad)).toThrow(/fake: non-finite value NaN at index 3/);
  });

  it("two samples of one 1000-D Gaussian (n = m = 5000, k = 5) reproduce the published PRDC sanity figures", () => {
    // The clovaai/generative-evaluation-prdc README example draws 10 000 real and 10 000 fake samples of N(0, I) in
    // 1000-D with k = 5 and prints precision 0.4772, recall 0.4705, density 1.0555, coverage 0.9735. An independent
    // NumPy implementation gives at d = 1000: n = 2000 → P 0.559 R 0.541 D 0.986 C 0.971; n = 5000 → P 0.501
    // R 0.498 D 0.967 C 0.967, so 5000 is the smallest n at which the published values hold within these bands
    // (P, R 0.48 ± 0.05; D 1.0 ± 0.1; C 0.97 ± 0.03). At d = 64 they do not hold: P, R ≈ 0.7 (see the test above).
    const r = prdc(gaussianMatrix(5000, 1000, 11), gaussianMatrix(5000, 1000, 12), 5);
    expect(r).toMatchObject({ k: 5, nReal: 5000, nFake: 5000 });
    expect(r.precision).toBeGreaterThanOrEqual(0.43);
    expect(r.precision).toBeLessThanOrEqual(0.53);
    expect(r.recall).toBeGreaterThanOrEqual(0.43);
    expect(r.recall).toBeLessThanOrEqual(0.53);
    expect(r.density).toBeGreaterThanOrEqual(0.9);
    expect(r.density).toBeLessThanOrEqual(1.1);
    expect(r.coverage).toBeGreaterThanOrEqual(0.94);
    expect(r.coverage).toBeLessThanOrEqual(1);
  }, 300_000); // ~50 G multiply-adds: about 15 s on one core with the SIMD kernel, minutes on the JS fallback
});
