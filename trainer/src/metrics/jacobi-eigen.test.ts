import { describe, expect, it } from "vitest";
import { symmetricEigen, symmetricSqrt } from "./jacobi-eigen.ts";
import { gaussianMatrix } from "./testing.ts";

/** Random SPD matrix AᵀA/n + εI of size d. */
function randomSpd(d: number, seed: number): Float64Array {
  const a = gaussianMatrix(d + 8, d, seed).data;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < d + 8; r++) s += a[r * d + i]! * a[r * d + j]!;
      out[i * d + j] = s / (d + 8) + (i === j ? 1e-3 : 0);
    }
  }
  return out;
}

describe("symmetricEigen (Jacobi)", () => {
  it("solves a hand-computed 2×2: [[2,1],[1,2]] → 1, 3 with vectors (1,−1)/√2, (1,1)/√2", () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    // Column 1 is ±(1,1)/√2.
    expect(Math.abs(vectors[1]!)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[1]! * vectors[3]!).toBeCloseTo(0.5, 14);
    expect(vectors[0]! * vectors[2]!).toBeCloseTo(-0.5, 14);
  });

  it("returns a diagonal matrix's entries sorted, and handles 1×1", () => {
    expect(Array.from(symmetricEigen([5, 0, 0, 0, -2, 0, 0, 0, 1], 3).values)).toEqual([-2, 1, 5]);
    expect(Array.from(symmetricEigen([7], 1).values)).toEqual([7]);
  });

  it("reconstructs a random 128×128 SPD matrix with orthonormal vectors in few sweeps", () => {
    const d = 128;
    const a = randomSpd(d, 1);
    const { values, vectors, sweeps } = symmetricEigen(a, d);
    expect(sweeps).toBeLessThanOrEqual(15); // quadratic convergence; this is what keeps d = 128 well under 1 s
    let maxErr = 0;
    let maxOrtho = 0;
    let scale = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let rec = 0;
        let dot = 0;
        for (let k = 0; k < d; k++) {
          rec += vectors[i * d + k]! * values[k]! * vectors[j * d + k]!;
          dot += vectors[k * d + i]! * vectors[k * d + j]!;
        }
        maxErr = Math.max(maxErr, Math.abs(rec - a[i * d + j]!));
        maxOrtho = Math.max(maxOrtho, Math.abs(dot - (i === j ? 1 : 0)));
        scale = Math.max(scale, Math.abs(a[i * d + j]!));
      }
    }
    expect(maxErr / scale).toBeLessThan(1e-12);
    expect(maxOrtho).toBeLessThan(1e-12);
    for (let k = 1; k < d; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
  });

  it("symmetricSqrt squares back to the matrix and clamps round-off negatives", () => {
    const d = 6;
    const a = randomSpd(d, 2);
    const r = symmetricSqrt(a, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += r[i * d + k]! * r[k * d + j]!;
        expect(s).toBeCloseTo(a[i * d + j]!, 12);
      }
    }
    // Rank-1 PSD matrix vvᵀ with v = (1, 2): sqrt is vvᵀ/‖v‖.
    const s = symmetricSqrt([1, 2, 2, 4], 2);
    [1, 2, 2, 4].forEach((v, i) => expect(s[i]).toBeCloseTo(v / Math.sqrt(5), 12));
  });

  it("rejects non-square and non-finite input", () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/not 2×2/);
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow(/non-finite/);
  });
});
