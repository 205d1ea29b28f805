import { describe, expect, it } from "vitest";
import { slicedWasserstein1, wasserstein1Sorted } from "./sliced-wasserstein.ts";
import { fromRows } from "./matrix.ts";
import { gaussianMatrix } from "./testing.ts";

describe("wasserstein1Sorted", () => {
  it("matches hand-computed 1-D values, including unequal sizes", () => {
    // Quantile functions: {0,1} is 0 on [0,½), 1 on [½,1); {3} is 3: ½·3 + ½·2.
    expect(wasserstein1Sorted(Float64Array.of(0, 1), Float64Array.of(3))).toBeCloseTo(2.5, 14);
    // {0,1,2} vs {0,2}: differ by 1 on [1/3, 2/3) only.
    expect(wasserstein1Sorted(Float64Array.of(0, 1, 2), Float64Array.of(0, 2))).toBeCloseTo(1 / 3, 14);
    expect(wasserstein1Sorted(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3))).toBe(0);
  });
});

describe("slicedWasserstein1", () => {
  it("is 0 for identical sets and reports counts", () => {
    const x = gaussianMatrix(300, 2, 1);
    const r = slicedWasserstein1(x, x, { seed: 1 });
    expect(r.value).toBe(0);
    expect(r).toMatchObject({ projections: 128, nReal: 300, nFake: 300 });
  });

  it("equals the exact W1 in one dimension for any seed", () => {
    for (const seed of [1, 2]) {
      expect(slicedWasserstein1(fromRows([[0], [1]]), fromRows([[3]]), { seed, projections: 5 }).value).toBeCloseTo(2.5, 12);
    }
  });

  it("averages |θ·Δ| over the circle for two points: 5 · 2/π", () => {
    const r = slicedWasserstein1(fromRows([[0, 0]]), fromRows([[3, 4]]), { seed: 3, projections: 4096 });
    // Per-projection relative std of |cos φ| is 0.48, so 4096 projections give ±0.75 % (1 SE): allow 3 %.
    expect(r.value).toBeGreaterThan((10 / Math.PI) * 0.97);
    expect(r.value).toBeLessThan((10 / Math.PI) * 1.03);
  });

  it("is deterministic per seed, grows with the shift, and works in higher dimensions", () => {
    const x = gaussianMatrix(200, 8, 4);
    const near = gaussianMatrix(200, 8, 5, 0.25);
    const far = gaussianMatrix(200, 8, 5, 1);
    const a = slicedWasserstein1(x, near, { seed: 7 }).value;
    expect(slicedWasserstein1(x, near, { seed: 7 }).value).toBe(a);
    expect(slicedWasserstein1(x, near, { seed: 8 }).value).not.toBe(a);
    const b = slicedWasserstein1(x, far, { seed: 7 }).value;
    expect(b).toBeGreaterThan(2 * a);
    // Shift vector (1,…,1)·√8: E|θ·Δ| over the 8-sphere is √8·E|θ₁| ≈ √8·0.2707 ≈ 0.766 (plus sampling noise).
    expect(b).toBeGreaterThan(0.6);
    expect(b).toBeLessThan(0.95);
  });

  it("rejects bad options and input", () => {
    const x = fromRows([[0, 0]]);
    expect(() => slicedWasserstein1(x, x, { seed: 1, projections: 0 })).toThrow(/projections:/);
    expect(() => slicedWasserstein1(x, x, { seed: Number.NaN })).toThrow(/seed:/);
    expect(() => slicedWasserstein1(x, fromRows([[0, Infinity]]), { seed: 1 })).toThrow(/fake: non-finite/);
  });
});
