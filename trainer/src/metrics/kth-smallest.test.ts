import { describe, expect, it } from "vitest";
import { KSmallestRows } from "./kth-smallest.ts";
import { mulberry32 } from "../util/rng.ts";

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
