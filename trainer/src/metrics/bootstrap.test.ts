import { describe, expect, it } from "vitest";
import { bootstrapCI, ciOverlap } from "./bootstrap.ts";
import { gaussian, hashSeed, mulberry32 } from "../util/rng.ts";

function normalSample(n: number, mean: number, sd: number, seed: number): number[] {
  const g = gaussian(mulberry32(hashSeed(seed, n)));
  return Array.from({ length: n }, () => mean + sd * g());
}

describe("bootstrapCI", () => {
  it("a single seed gives lo = hi = mean", () => {
    expect(bootstrapCI([3.5], { seed: 1 })).toEqual({ mean: 3.5, lo: 3.5, hi: 3.5, n: 1, level: 0.95 });
  });

  it("covers the true mean with the normal-theory width", () => {
    const values = normalSample(200, 5, 2, 1);
    const ci = bootstrapCI(values, { seed: 2 });
    expect(ci.lo).toBeLessThan(5);
    expect(ci.hi).toBeGreaterThan(5);
    expect(ci.lo).toBeLessThan(ci.mean);
    expect(ci.hi).toBeGreaterThan(ci.mean);
    // 2 · 1.96 · σ/√n = 0.554; the bootstrap uses the sample sd and resampling noise: allow ±20 %.
    expect(ci.hi - ci.lo).toBeGreaterThan(0.554 * 0.8);
    expect(ci.hi - ci.lo).toBeLessThan(0.554 * 1.2);
    expect(ci.n).toBe(200);
  });

  it("width shrinks like 1/√n and with a lower level", () => {
    const small = bootstrapCI(normalSample(25, 0, 1, 3), { seed: 4 });
    const large = bootstrapCI(normalSample(400, 0, 1, 3), { seed: 4 });
    const ratio = (small.hi - small.lo) / (large.hi - large.lo);
    expect(ratio).toBeGreaterThan(2.8); // √(400/25) = 4
    expect(ratio).toBeLessThan(5.5);
    const half = bootstrapCI(normalSample(25, 0, 1, 3), { seed: 4, level: 0.5 });
    expect(half.hi - half.lo).toBeLessThan(0.5 * (small.hi - small.lo));
  });

  it("is seed-deterministic and exact on constant data", () => {
    const v = [1, 2, 4, 8];
    expect(bootstrapCI(v, { seed: 5, resamples: 500 })).toEqual(bootstrapCI(v, { seed: 5, resamples: 500 }));
    expect(bootstrapCI([2, 2, 2], { seed: 5 })).toMatchObject({ mean: 2, lo: 2, hi: 2 });
    const ci = bootstrapCI(v, { seed: 5 });
    expect(ci.mean).toBe(3.75);
    expect(ci.lo).toBeGreaterThanOrEqual(1);
    expect(ci.hi).toBeLessThanOrEqual(8);
  });

  it("rejects bad input, naming the field", () => {
    expect(() => bootstrapCI([], { seed: 1 })).toThrow(/values: needs at least one/);
    expect(() => bootstrapCI([1, Number.NaN], { seed: 1 })).toThrow(/values: non-finite value NaN at index 1/);
    expect(() => bootstrapCI([1, 2], { seed: 1, level: 1 })).toThrow(/level:/);
    expect(() => bootstrapCI([1, 2], { seed: 1, resamples: 0 })).toThrow(/resamples:/);
  });
});

describe("ciOverlap", () => {
  it("detects overlapping, touching and disjoint intervals symmetrically", () => {
    expect(ciOverlap({ lo: 0, hi: 1 }, { lo: 0.5, hi: 2 })).toBe(true);
    expect(ciOverlap({ lo: 0, hi: 1 }, { lo: 1, hi: 2 })).toBe(true);
    expect(ciOverlap({ lo: 0, hi: 1 }, { lo: 1.1, hi: 2 })).toBe(false);
    expect(ciOverlap({ lo: 1.1, hi: 2 }, { lo: 0, hi: 1 })).toBe(false);
    expect(ciOverlap({ lo: 0, hi: 10 }, { lo: 4, hi: 5 })).toBe(true);
  });
});
