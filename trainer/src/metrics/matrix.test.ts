import { describe, expect, it } from "vitest";
import { assertMatrix, fromRows, matrix, toFloat64 } from "./matrix.ts";

describe("matrix helpers", () => {
  it("fromRows builds a row-major float64 matrix and rejects ragged rows", () => {
    const m = fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m).toMatchObject({ rows: 2, cols: 3 });
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => fromRows([[1, 2], [3]])).toThrow(/row 1 has 1 values, expected 2/);
  });

  it("assertMatrix names the argument for each kind of bad input", () => {
    expect(() => assertMatrix("real", matrix(new Float32Array([1, Number.NaN]), 1, 2))).toThrow(/real: non-finite value NaN at index 1/);
    expect(() => assertMatrix("fake", matrix(new Float64Array([Infinity]), 1, 1))).toThrow(/fake: non-finite value Infinity/);
    expect(() => assertMatrix("x", matrix(new Float32Array(5), 2, 3))).toThrow(/x: data length 5 does not match 2×3/);
    expect(() => assertMatrix("x", matrix(new Float32Array(0), 0, 3))).toThrow(/x: needs at least 1 rows, got 0/);
    expect(() => assertMatrix("x", matrix(new Float32Array(0), 1.5, 0))).toThrow(/x: invalid shape/);
    expect(() => assertMatrix("x", { data: [1, 2] as unknown as Float32Array, rows: 1, cols: 2 })).toThrow(/x: expected/);
    expect(() => assertMatrix("x", matrix(new Float32Array(4), 2, 2))).not.toThrow();
  });

  it("toFloat64 passes float64 data through and converts float32", () => {
    const f64 = new Float64Array([1, 2]);
    expect(toFloat64(matrix(f64, 1, 2))).toBe(f64);
    const c = toFloat64(matrix(new Float32Array([0.5, 1.5]), 1, 2));
    expect(c).toBeInstanceOf(Float64Array);
    expect(Array.from(c)).toEqual([0.5, 1.5]);
  });
});
