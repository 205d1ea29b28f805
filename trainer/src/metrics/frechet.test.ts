import { describe, expect, it } from "vitest";
import { fdFromFeatureStats, fdFromStats, featureStats, frechetDistance } from "./frechet.ts";
import { fromRows, type Matrix } from "./matrix.ts";
import { gaussianMatrix, withNoise } from "./testing.ts";

const diag = (v: number[]) => {
  const d = v.length;
  const out = new Float64Array(d * d);
  v.forEach((x, i) => (out[i * d + i] = x));
  return out;
};

/** Rows of N(mu, diag(variances)). */
function diagGaussian(n: number, mu: number[], variances: number[], seed: number): Matrix {
  const z = gaussianMatrix(n, mu.length, seed);
  const d = mu.length;
  const data = Float64Array.from(z.data, (v, i) => mu[i % d]! + Math.sqrt(variances[i % d]!) * v);
  return { data, rows: n, cols: d };
}

describe("featureStats", () => {
  it("computes the mean and unbiased covariance by hand", () => {
    const s = featureStats(
      fromRows([
        [1, 2],
        [3, 6],
        [5, 10],
      ]),
    );
    expect(Array.from(s.mean)).toEqual([3, 6]);
    // var x = (4 + 0 + 4)/2, var y = (16 + 0 + 16)/2, cov = (8 + 0 + 8)/2.
    expect(Array.from(s.cov)).toEqual([4, 8, 8, 16]);
    expect(s).toMatchObject({ dim: 2, n: 3 });
  });
});

describe("fdFromStats", () => {
  it("diagonal covariances: ‖Δμ‖² + Σ(√a − √b)²", () => {
    const fd = fdFromStats(Float64Array.of(0, 0, 0), diag([1, 4, 9]), Float64Array.of(1, 2, 0), diag([4, 1, 9]));
    expect(fd).toBeCloseTo(5 + 1 + 1 + 0, 10);
  });

  it("non-commuting 2×2: Tr√(Σ1^½Σ2Σ1^½) = √(tr(Σ1Σ2) + 2√det(Σ1Σ2)) = √14", () => {
    // Σ1Σ2 = [[2,3],[1,6]]: trace 8, det 9; (√λ1 + √λ2)² = 8 + 2·3.
    const fd = fdFromStats(Float64Array.of(0, 0), Float64Array.of(2, 1, 1, 2), Float64Array.of(0, 0), diag([1, 3]));
    expect(fd).toBeCloseTo(8 - 2 * Math.sqrt(14), 12);
  });

  it("is 0 for identical stats, including a singular covariance", () => {
    const s = Float64Array.of(1, 2, 2, 4);
    expect(fdFromStats(Float64Array.of(1, 1), s, Float64Array.of(1, 1), s)).toBeLessThan(1e-12);
  });

  it("rejects mismatched shapes and non-finite values, naming the argument", () => {
    const m = Float64Array.of(0, 0);
    expect(() => fdFromStats(m, diag([1, 1]), Float64Array.of(0), diag([1]))).toThrow(/mu2:/);
    expect(() => fdFromStats(m, diag([1]), m, diag([1, 1]))).toThrow(/s1:/);
    expect(() => fdFromStats(m, diag([1, 1]), m, Float64Array.of(1, 0, 0, Number.NaN))).toThrow(/s2: non-finite/);
  });
});

describe("frechetDistance", () => {
  it("is ≈ 0 for identical sets and carries the counts", () => {
    const x = gaussianMatrix(300, 16, 1);
    const r = frechetDistance(x, x);
    expect(r.value).toBeGreaterThanOrEqual(0);
    expect(r.value).toBeLessThan(1e-9);
    expect(r).toMatchObject({ nReal: 300, nFake: 300 });
  });

  it("approaches the closed form for sampled Gaussians with known diagonal covariances", () => {
    const mu1 = [0, 0, 0, 0];
    const mu2 = [1, 0, 0, 0];
    const v1 = [1, 1, 1, 1];
    const v2 = [4, 1, 0.25, 1];
    const exact = 1 + (1 - 2) ** 2 + 0 + (1 - 0.5) ** 2 + 0; // 2.25
    const r = frechetDistance(diagGaussian(4000, mu1, v1, 2), diagGaussian(4000, mu2, v2, 3));
    // Sampling error of the stats at n = 4000 is a few hundredths here.
    expect(r.value).toBeGreaterThan(exact - 0.15);
    expect(r.value).toBeLessThan(exact + 0.15);
  });

  it("grows monotonically with the scale of added noise", () => {
    const x = gaussianMatrix(400, 8, 4);
    const values = [0, 0.1, 0.3, 1, 3].map((s) => frechetDistance(x, withNoise(x, s, 5)).value);
    expect(values[0]).toBeLessThan(1e-9);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    // Noise σ adds variance: per dim (√(1+σ²) − 1)², ×8 dims; σ = 3 → 8·(√10 − 1)² ≈ 37.4.
    expect(values[4]!).toBeGreaterThan(30);
    expect(values[4]!).toBeLessThan(45);
  });

  it("works from cached stats and rejects bad input", () => {
    const a = gaussianMatrix(50, 3, 6);
    const b = gaussianMatrix(60, 3, 7, 1);
    expect(fdFromFeatureStats(featureStats(a), featureStats(b))).toEqual(frechetDistance(a, b));
    expect(() => frechetDistance(a, gaussianMatrix(50, 4, 8))).toThrow(/fake: has 4 columns/);
    expect(() => frechetDistance(fromRows([[1, 2]]), a)).toThrow(/real: needs at least 2 rows/);
    expect(() =>
      frechetDistance(
        a,
        fromRows([
          [1, 2, Number.NaN],
          [1, 2, 3],
        ]),
      ),
    ).toThrow(/fake: non-finite/);
  });
});
