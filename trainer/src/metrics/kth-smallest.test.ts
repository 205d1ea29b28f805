import { describe, expect, it } from "vitest";
import { KSmallestRows, kthSmallest } from "./kth-smallest.ts";
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

describe("KSmallestRows", () => {
  it("keeps each row's k smallest offers sorted, ties included, in any offer order", () => {
    const rand = mulberry32(2);
    for (const k of [1, 3, 5]) {
      const lists = new KSmallestRows(4, k);
      const offered: number[][] = [[], [], [], []];
      for (let s = 0; s < 200; s++) {
        const row = Math.floor(rand() * 4);
        const v = Math.floor(rand() * 6); // few distinct values: many ties
        lists.offer(row, v);
        offered[row]!.push(v);
      }
      for (let row = 0; row < 4; row++) {
        const want = offered[row]!.sort((a, b) => a - b).slice(0, k);
        expect(Array.from(lists.values.subarray(row * k, (row + 1) * k))).toEqual(want);
        expect(lists.kth(row)).toBe(want[k - 1]);
      }
    }
  });

  it("reports +∞ until k values arrive, keeps duplicates of 0, and rejects a bad k", () => {
    const lists = new KSmallestRows(2, 3);
    lists.offer(0, 0);
    lists.offer(0, 0);
    expect(lists.kth(0)).toBe(Infinity);
    lists.offer(0, 5);
    expect(lists.kth(0)).toBe(5);
    lists.offer(0, 0);
    expect(lists.kth(0)).toBe(0);
    expect(lists.kth(1)).toBe(Infinity);
    expect(() => new KSmallestRows(2, 0)).toThrow(/k must be a positive integer, got 0/);
  });
});
