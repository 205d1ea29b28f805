import { describe, expect, it } from "vitest";
import { DEFAULT_2D_SAMPLES, modeMetrics } from "./mode-metrics.ts";
import { RING8_SIGMA, ring8Modes, ring8Samples } from "./testing.ts";
import { fromRows } from "./matrix.ts";

const modes = ring8Modes();

describe("modeMetrics (ring of 8)", () => {
  it("samples all at one mode capture exactly that mode; reverse KL = log 8", () => {
    const r = modeMetrics(ring8Samples(DEFAULT_2D_SAMPLES, 1, 3), modes, RING8_SIGMA);
    expect(r.modesCaptured).toBe(1);
    expect(r.totalModes).toBe(8);
    expect(r.perMode[3]).toBe(r.nHighQuality);
    expect(r.reverseKL).toBeCloseTo(Math.log(8), 12);
    expect(r.nSamples).toBe(2500);
  });

  it("samples from all 8 modes capture 8, with the Gaussian 3σ high-quality rate", () => {
    const r = modeMetrics(ring8Samples(DEFAULT_2D_SAMPLES, 2), modes, RING8_SIGMA);
    expect(r.modesCaptured).toBe(8);
    // In 2-D, P(‖N(0, σ²I)‖ ≤ 3σ) = 1 − exp(−9/2) ≈ 0.98889 (Rayleigh). SE at n = 2500 is 0.0021: allow ±3 SE.
    const expected = 1 - Math.exp(-4.5);
    expect(r.highQualityFraction).toBeGreaterThan(expected - 0.0063);
    expect(r.highQualityFraction).toBeLessThan(expected + 0.0063);
    // Multinomial counts over 8 modes: KL to uniform ≈ (k − 1) / (2n) ≈ 0.0014, far below log 8.
    expect(r.reverseKL).toBeGreaterThanOrEqual(0);
    expect(r.reverseKL).toBeLessThan(0.01);
  });

  it("an exactly even spread has reverse KL 0; an even spread over 2 modes has log 4", () => {
    const even = fromRows(Array.from({ length: 80 }, (_, i) => [modes[2 * (i % 8)]!, modes[2 * (i % 8) + 1]!]));
    const r = modeMetrics(even, modes, RING8_SIGMA);
    expect(r.reverseKL).toBe(0);
    expect(r.highQualityFraction).toBe(1);
    const two = fromRows(Array.from({ length: 10 }, (_, i) => [modes[2 * (i % 2)]!, modes[2 * (i % 2) + 1]!]));
    const r2 = modeMetrics(two, modes, RING8_SIGMA);
    expect(r2.modesCaptured).toBe(2);
    expect(r2.reverseKL).toBeCloseTo(Math.log(4), 12);
  });

  it("samples beyond 3σ are low quality and capture nothing (reverse KL falls back to log k)", () => {
    const far = fromRows([
      [0, 0],
      [10, 10],
      [modes[0]! + 3.01 * RING8_SIGMA, modes[1]!],
    ]);
    const r = modeMetrics(far, modes, RING8_SIGMA);
    expect(r.nHighQuality).toBe(0);
    expect(r.modesCaptured).toBe(0);
    expect(r.highQualityFraction).toBe(0);
    expect(r.reverseKL).toBeCloseTo(Math.log(8), 12);
    const edge = fromRows([[modes[0]! + 2.99 * RING8_SIGMA, modes[1]!]]);
    expect(modeMetrics(edge, modes, RING8_SIGMA).nHighQuality).toBe(1);
  });

  it("3σ is a Euclidean radius, as in the PacGAN authors' metric (‖x − μ‖/σ < 3), not a per-coordinate box", () => {
    const [mx, my] = [modes[0]!, modes[1]!];
    const s = RING8_SIGMA;
    // (2.5σ, 2.5σ): each coordinate is inside 3σ but the distance is 2.5·√2 σ ≈ 3.54σ → low quality.
    // (2.1σ, 2.1σ): 2.1·√2 σ ≈ 2.97σ → high quality. (0, −2.9σ) → high quality, at mode 0.
    const pts = fromRows([
      [mx + 2.5 * s, my + 2.5 * s],
      [mx + 2.1 * s, my + 2.1 * s],
      [mx, my - 2.9 * s],
    ]);
    const r = modeMetrics(pts, modes, s);
    expect(r.nHighQuality).toBe(2);
    expect(r.highQualityFraction).toBeCloseTo(2 / 3, 12);
    expect(r.perMode[0]).toBe(2);
    expect(r.modesCaptured).toBe(1);
  });

  it("a generator spread evenly over the ring (all modes, no concentration) scores 8 modes but ~7.6 % high quality", () => {
    // Points exactly on the ring of radius |μ|, uniform in angle: a point is within 3σ of a mode when its chord to the
    // mode is ≤ 3σ, i.e. its angle is within 2·asin(3σ / 2r) of it; 8 such arcs of the circle give the fraction
    // 8 · 2 · 2·asin(3σ/2r) / 2π (0.0764 for the unit ring with σ = 0.01). This is the ceiling of the high-quality
    // rate for a generator that has learnt the ring but not yet the 8 clusters on it.
    const r0 = Math.hypot(modes[0]!, modes[1]!);
    const n = 20_000;
    const pts = fromRows(
      Array.from({ length: n }, (_, i) => [r0 * Math.cos((2 * Math.PI * (i + 0.5)) / n), r0 * Math.sin((2 * Math.PI * (i + 0.5)) / n)]),
    );
    const r = modeMetrics(pts, modes, RING8_SIGMA);
    const expected = (8 * 4 * Math.asin((3 * RING8_SIGMA) / (2 * r0))) / (2 * Math.PI);
    expect(r.modesCaptured).toBe(8);
    expect(Math.abs(r.highQualityFraction - expected)).toBeLessThan(2 * (8 / n));
  });

  it("rejects bad input, naming the argument", () => {
    expect(() => modeMetrics(fromRows([[0, 0, 0]]), modes, 0.1)).toThrow(/samples: expected 2 columns/);
    expect(() => modeMetrics(fromRows([[0, Number.NaN]]), modes, 0.1)).toThrow(/samples: non-finite/);
    expect(() => modeMetrics(fromRows([[0, 0]]), new Float32Array(3), 0.1)).toThrow(/modes:/);
    expect(() => modeMetrics(fromRows([[0, 0]]), new Float32Array([0, Infinity]), 0.1)).toThrow(/modes: non-finite/);
    expect(() => modeMetrics(fromRows([[0, 0]]), modes, 0)).toThrow(/sigma:/);
  });
});
