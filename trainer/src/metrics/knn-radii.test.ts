import { describe, expect, it } from "vitest";
import { knnRadii2 } from "./knn-radii.ts";
import { squaredNorms } from "./dense-kernels.ts";
import { gaussianMatrix, squaredDistanceRows } from "./testing.ts";
import type { DistanceTileOptions } from "./distance-tiles.ts";

/** The untiled, unsymmetric definition: a full distance row per sample, self dropped by index, sorted. */
function bruteRadii2(x: Float64Array, d: number, k: number): Float64Array {
  const norms = squaredNorms(x, d);
  const n = norms.length;
  const row = new Float64Array(n);
  return Float64Array.from({ length: n }, (_, i) => {
    squaredDistanceRows(x, i, 1, norms, x, norms, d, row);
    const others = Float64Array.from([...row.subarray(0, i), ...row.subarray(i + 1)]);
    return others.sort()[k - 1]!;
  });
}

const OPTIONS: DistanceTileOptions[] = [{}, { kernel: "js" }, { tileRows: 4 }, { tileRows: 8, kernel: "js" }];

describe("knnRadii2", () => {
  it("is bit-identical to the brute-force radii on ragged sizes, n = k + 1 and d = 1", () => {
    for (const [n, d, k] of [
      [6, 3, 5],
      [2, 1, 1],
      [37, 1, 5],
      [70, 9, 3],
      [131, 4, 7],
    ] as const) {
      const x = gaussianMatrix(n, d, n * d + k).data as Float64Array;
      const want = bruteRadii2(x, d, k);
      for (const options of OPTIONS) expect(knnRadii2(x, d, k, options)).toEqual(want);
    }
  });

  it("counts duplicates as neighbours at distance 0 (self excluded by index, not by value)", () => {
    const d = 2;
    const x = Float64Array.from([0, 0, 0, 0, 0, 0, 3, 4, 3, 4, 1, 0, 6, 8, 6, 8, 6, 8, 1, 0]); // 10 rows
    // rows 0,1,2 = (0,0); 3,4 = (3,4); 5,9 = (1,0); 6,7,8 = (6,8)
    expect(Array.from(knnRadii2(x, d, 1))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r2 = knnRadii2(x, d, 2);
    expect(Array.from(r2)).toEqual([0, 0, 0, 20, 20, 1, 0, 0, 0, 1]);
    for (const options of OPTIONS) expect(knnRadii2(x, d, 2, options)).toEqual(r2);
    expect(knnRadii2(x, d, 3, { tileRows: 4 })).toEqual(bruteRadii2(x, d, 3));
  });

  it("needs more than k rows", () => {
    expect(() => knnRadii2(new Float64Array(5), 1, 5)).toThrow(/more than k rows, got k = 5, 5 rows/);
  });
});
