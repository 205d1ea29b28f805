import { describe, expect, it } from "vitest";
import { distanceAt, dotAt, dotRows, squaredNorms } from "./dense-kernels.ts";
import { gaussianMatrix, squaredDistanceRows } from "./testing.ts";

describe("dense kernels", () => {
  it("dotRows matches dotAt bit for bit for every block size and ragged tails", () => {
    const d = 7;
    const a = gaussianMatrix(9, d, 1).data as Float64Array;
    const b = gaussianMatrix(11, d, 2).data as Float64Array;
    for (let count = 1; count <= 4; count++) {
      const out = new Float64Array(count * 11);
      dotRows(a, 3, count, b, 11, d, out);
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < 11; j++) expect(out[r * 11 + j]).toBe(dotAt(a, (3 + r) * d, b, j * d, d));
      }
    }
  });

  it("squared distances are exactly 0 for duplicated rows and match direct differences otherwise", () => {
    const d = 5;
    const base = gaussianMatrix(6, d, 3).data as Float64Array;
    const x = new Float64Array(8 * d);
    x.set(base);
    x.set(base.subarray(0, d), 6 * d); // row 6 duplicates row 0
    x.set(base.subarray(d, 2 * d), 7 * d); // row 7 duplicates row 1
    const norms = squaredNorms(x, d);
    const out = new Float64Array(4 * 8);
    squaredDistanceRows(x, 4, 4, norms, x, norms, d, out);
    expect(out[2 * 8 + 0]).toBe(0); // row 6 vs row 0
    expect(out[3 * 8 + 1]).toBe(0); // row 7 vs row 1
    for (let r = 0; r < 4; r++) {
      expect(out[r * 8 + 4 + r]).toBe(0); // self
      for (let j = 0; j < 8; j++) expect(Math.sqrt(out[r * 8 + j]!)).toBeCloseTo(distanceAt(x, (4 + r) * d, x, j * d, d), 12);
    }
  });
});
