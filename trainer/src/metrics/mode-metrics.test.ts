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

  it("rejects bad input, naming the argument", () => {
    expect(() => modeMetrics(fromRows([[0, 0, 0]]), modes, 0.1)).toThrow(/samples: expected 2 columns/);
    expect(() => modeMetrics(fromRows([[0, Number.NaN]]), modes, 0.1)).toThrow(/samples: non-finite/);
    expect(() => modeMetrics(fromRows([[0, 0]]), new Float32Array(3), 0.1)).toThrow(/modes:/);
    expect(() => modeMetrics(fromRows([[0, 0]]), new Float32Array([0, Infinity]), 0.1)).toThrow(/modes: non-finite/);
    expect(() => modeMetrics(fromRows([[0, 0]]), modes, 0)).toThrow(/sigma:/);
  });
});
