import { describe, expect, it } from "vitest";
import { kthSmallest } from "./kth-smallest.ts";
import { mulberry32 } from "../util/rng.ts";

describe("kthSmallest", () => {
  it("agrees with sorting for every rank, on random, sorted, reversed and tied data", () => {
    const rand = mulberry32(1);
    const cases = [
      Float64Array.from({ length: 101 }, () => rand()),
      Float64Array.from({ length: 50 }, (_, i) => i),
      Float64Array.from({ length: 50 }, (_, i) => 50 - i),
      Float64Array.from({ length: 64 }, () => Math.floor(rand() * 4)),
      new Float64Array(9).fill(3),
    ];
    for (const values of cases) {
      const sorted = Float64Array.from(values).sort();
      for (let k = 0; k < values.length; k++) expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });

  it("respects a length prefix and rejects out-of-range ranks", () => {
    expect(kthSmallest(Float64Array.of(5, 4, 3, 0), 0, 3)).toBe(3);
    expect(() => kthSmallest(Float64Array.of(1, 2), 2)).toThrow(/rank 2/);
  });
});
