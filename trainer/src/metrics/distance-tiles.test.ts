import { describe, expect, it } from "vitest";
import { forEachDistanceTile, type DistanceTileOptions } from "./distance-tiles.ts";
import { squaredNorms } from "./dense-kernels.ts";
import { gaussianMatrix, squaredDistanceRows } from "./testing.ts";

/** Every squared distance the visitor sees, keyed "i,j", failing on any pair seen twice. */
function collect(a: Float64Array, b: Float64Array | null, d: number, options: DistanceTileOptions) {
  const seen = new Map<string, number>();
  forEachDistanceTile(
    a,
    b,
    d,
    (i0, ni, j0, nj, d2) => {
      if (b === null) expect(j0).toBeGreaterThanOrEqual(i0);
      for (let r = 0; r < ni; r++) {
        for (let t = 0; t < nj; t++) {
          const key = `${i0 + r},${j0 + t}`;
          expect(seen.has(key)).toBe(false);
          seen.set(key, d2[r * nj + t]!);
        }
      }
    },
    options,
  );
  return seen;
}

/** The untiled reference: one full row of `squaredDistanceRows` at a time. */
function reference(a: Float64Array, b: Float64Array, d: number): Float64Array[] {
  const an = squaredNorms(a, d);
  const bn = squaredNorms(b, d);
  return Array.from({ length: an.length }, (_, i) => {
    const row = new Float64Array(bn.length);
    squaredDistanceRows(a, i, 1, an, b, bn, d, row);
    return row;
  });
}

const OPTIONS: DistanceTileOptions[] = [
  { kernel: "simd" },
  { kernel: "js" },
  { kernel: "simd", tileRows: 4 },
  { kernel: "js", tileRows: 8 },
  { kernel: "simd", tileRows: 8 },
];

describe("forEachDistanceTile", () => {
  it("visits each a×b pair once with bit-identical values, for ragged sizes, d = 1 and rows past one tile", () => {
    for (const [na, nb, d] of [
      [13, 7, 1],
      [70, 9, 5],
      [6, 67, 3],
      [1, 1, 2],
    ] as const) {
      const a = gaussianMatrix(na, d, na).data as Float64Array;
      const b = gaussianMatrix(nb, d, nb + 50).data as Float64Array;
      const ref = reference(a, b, d);
      for (const options of OPTIONS) {
        const seen = collect(a, b, d, options);
        expect(seen.size).toBe(na * nb);
        for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) expect(seen.get(`${i},${j}`)).toBe(ref[i]![j]);
      }
    }
  });

  it("within one set, covers every pair i < j (diagonal tiles hold both orders), with duplicates at exactly 0", () => {
    const d = 6;
    const n = 23;
    const x = gaussianMatrix(n, d, 4).data as Float64Array;
    x.copyWithin(20 * d, 3 * d, 4 * d); // row 20 = row 3
    x.copyWithin(22 * d, 21 * d, 22 * d); // row 22 = row 21, across a tile edge for tileRows 4 and 8
    const ref = reference(x, x, d);
    expect(ref[20]![3]).toBe(0);
    expect(ref[21]![22]).toBe(0);
    for (const options of OPTIONS) {
      const seen = collect(x, null, d, options);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const v = seen.get(`${i},${j}`) ?? seen.get(`${j},${i}`);
          expect(v).toBe(ref[i]![j]);
        }
      }
      expect(seen.get("3,20")).toBe(0);
      expect(seen.get("21,22")).toBe(0);
      const t = options.tileRows ?? 64;
      const diagonalPairs = Array.from({ length: Math.ceil(n / t) }, (_, b) => Math.min(t, n - b * t) ** 2);
      const offDiagonal = (n * n - diagonalPairs.reduce((s, v) => s + v, 0)) / 2;
      expect(seen.size).toBe(offDiagonal + diagonalPairs.reduce((s, v) => s + v, 0)); // nothing below the diagonal
    }
  });

  it("rejects a tile size that is not a positive multiple of 4", () => {
    const x = new Float64Array(8);
    expect(() => forEachDistanceTile(x, null, 2, () => {}, { tileRows: 6 })).toThrow(/tileRows: .* got 6/);
    expect(() => forEachDistanceTile(x, null, 2, () => {}, { tileRows: 0 })).toThrow(/tileRows/);
  });
});
