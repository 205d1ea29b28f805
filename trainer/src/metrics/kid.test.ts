import { describe, expect, it } from "vitest";
import { kid } from "./kid.ts";
import { fromRows } from "./matrix.ts";
import { gaussianMatrix } from "./testing.ts";

describe("kid (unbiased MMD², cubic polynomial kernel)", () => {
  it("matches a hand-computed single-subset value", () => {
    // d = 1, k(x, y) = (xy + 1)³. X = {0, 1}, Y = {2, 3}:
    // k(0,1) = 1; k(2,3) = 343; cross k(0,2) + k(0,3) + k(1,2) + k(1,3) = 1 + 1 + 27 + 64 = 93.
    // MMD² = 2·1/2 + 2·343/2 − 2·93/4 = 297.5.
    const r = kid(fromRows([[0], [1]]), fromRows([[2], [3]]), { seed: 1, subsets: 3 });
    expect(r.mean).toBeCloseTo(297.5, 10);
    expect(r.stderr).toBe(0); // every subset is the whole set
    expect(r).toMatchObject({ subsets: 3, subsetSize: 2, nReal: 2, nFake: 2 });
  });

  it("is ≈ 0 (within 3 SE) for two samples of one distribution", () => {
    const r = kid(gaussianMatrix(600, 16, 1), gaussianMatrix(600, 16, 2), { seed: 3, subsetSize: 200, subsets: 50 });
    expect(r.stderr).toBeGreaterThan(0);
    expect(Math.abs(r.mean)).toBeLessThan(3 * r.stderr);
  });

  it("is clearly > 0 for a shifted distribution", () => {
    const r = kid(gaussianMatrix(600, 16, 1), gaussianMatrix(600, 16, 2, 0.5), { seed: 3, subsetSize: 200, subsets: 50 });
    expect(r.mean).toBeGreaterThan(20 * r.stderr);
    // Mean shift 0.5·1 in 16-D: the cubic kernel's dominant linear term gives ≈ 3‖Δμ‖²/d = 0.75, plus higher terms.
    expect(r.mean).toBeGreaterThan(0.5);
    expect(r.mean).toBeLessThan(3);
  });

  it("gives the same result with or without the whole-set kernel cache, and is seed-deterministic", () => {
    const x = gaussianMatrix(80, 5, 4);
    const y = gaussianMatrix(90, 5, 5, 0.2);
    const cached = kid(x, y, { seed: 9, subsetSize: 30, subsets: 10 });
    const streamed = kid(x, y, { seed: 9, subsetSize: 30, subsets: 10, gramCacheEntries: 0 });
    expect(streamed.mean).toBeCloseTo(cached.mean, 12);
    expect(streamed.stderr).toBeCloseTo(cached.stderr, 12);
    expect(kid(x, y, { seed: 9, subsetSize: 30, subsets: 10 })).toEqual(cached);
    expect(kid(x, y, { seed: 10, subsetSize: 30, subsets: 10 }).mean).not.toBe(cached.mean);
    expect(cached.subsetSize).toBe(30);
    expect(kid(x, y, { seed: 1, subsets: 1 }).subsetSize).toBe(80); // default min(1000, n, m)
  });

  it("rejects bad options and input, naming the field", () => {
    const x = gaussianMatrix(10, 2, 6);
    expect(() => kid(x, x, { seed: 1, subsetSize: 11 })).toThrow(/subsetSize:/);
    expect(() => kid(x, x, { seed: 1, subsets: 0 })).toThrow(/subsets:/);
    expect(() => kid(x, fromRows([[1, 2]]), { seed: 1 })).toThrow(/fake: needs at least 2 rows/);
    expect(() =>
      kid(
        fromRows([
          [1, Number.NaN],
          [1, 2],
        ]),
        x,
        { seed: 1 },
      ),
    ).toThrow(/real: non-finite/);
  });
});
