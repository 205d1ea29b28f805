import { describe, expect, it } from "vitest";
import { budgetCurve } from "./tuning-results.ts";

describe("budgetCurve (expected best of k trials, drawn without replacement)", () => {
  it("matches enumeration of every k-subset (lower is better)", () => {
    // Scores 3, 1, 2. k=1: mean 2. k=2: subsets {3,1}→1, {3,2}→2, {1,2}→1: 4/3. k=3: 1.
    const c = budgetCurve([3, 1, 2], "min");
    expect(c.map((p) => p.k)).toEqual([1, 2, 3]);
    expect(c[0]!.expected).toBeCloseTo(2, 12);
    expect(c[1]!.expected).toBeCloseTo(4 / 3, 12);
    expect(c[2]!.expected).toBeCloseTo(1, 12);
    expect(c.every((p) => p.pAllFailed < 1e-12)).toBe(true);
    // Best of 1 is each score with probability 1/3: its 10 % point is the best score, its 90 % point the worst.
    expect([c[0]!.lo, c[0]!.hi]).toEqual([1, 3]);
    expect([c[2]!.lo, c[2]!.hi]).toEqual([1, 1]);
  });

  it("higher is better flips the order", () => {
    const c = budgetCurve([3, 1, 2], "max");
    expect(c[1]!.expected).toBeCloseTo((3 + 3 + 2) / 3, 12);
    expect(c[2]!.expected).toBeCloseTo(3, 12);
  });

  it("failed trials rank last; the curve conditions on a scored trial and reports P(all failed)", () => {
    // null, 1, 3. k=1: P(failed) 1/3, else 1 or 3: E = 2. k=2: {n,1}→1, {n,3}→3, {1,3}→1: 5/3, no all-failed subset.
    const c = budgetCurve([null, 1, 3], "min");
    expect(c[0]!.expected).toBeCloseTo(2, 12);
    expect(c[0]!.pAllFailed).toBeCloseTo(1 / 3, 12);
    expect(c[1]!.expected).toBeCloseTo(5 / 3, 12);
    expect(c[1]!.pAllFailed).toBeCloseTo(0, 12);
    expect(budgetCurve([null, null], "min")).toEqual([
      { k: 1, expected: null, lo: null, hi: null, pAllFailed: 1 },
      { k: 2, expected: null, lo: null, hi: null, pAllFailed: 1 },
    ]);
  });

  it("a robust loss has a flat curve, a lucky one a steep curve", () => {
    const robust = budgetCurve([10, 10.5, 11, 10.2, 10.8, 10.1], "min");
    const lucky = budgetCurve([10, 90, 95, 85, 99, 92], "min");
    const drop = (c: typeof robust) => c[0]!.expected! - c[c.length - 1]!.expected!;
    // Best of 1 is the mean score; best of all 6 the minimum (10 for both).
    expect(drop(robust)).toBeCloseTo(62.6 / 6 - 10, 10);
    expect(drop(lucky)).toBeCloseTo(471 / 6 - 10, 10);
    expect(robust[5]!.expected).toBe(lucky[5]!.expected); // same best once every trial is spent
  });
});
