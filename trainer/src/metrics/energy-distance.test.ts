import { describe, expect, it } from "vitest";
import { energyDistance } from "./energy-distance.ts";
import { fromRows } from "./matrix.ts";
import { gaussianMatrix } from "./testing.ts";

describe("energyDistance (V-statistic)", () => {
  it("is 0 (to round-off) for identical sets", () => {
    const x = gaussianMatrix(200, 2, 1);
    const r = energyDistance(x, x);
    expect(r.value).toBeGreaterThanOrEqual(0);
    expect(r.value).toBeLessThan(1e-12);
    expect(r).toMatchObject({ nReal: 200, nFake: 200 });
  });

  it("matches hand-computed values", () => {
    // Single points 5 apart: 2·5 − 0 − 0.
    expect(energyDistance(fromRows([[0, 0]]), fromRows([[3, 4]])).value).toBeCloseTo(10, 12);
    // {0, 1} vs {3}: 2·mean(3, 2) − mean(0, 1, 1, 0) − 0 = 5 − 0.5.
    expect(energyDistance(fromRows([[0], [1]]), fromRows([[3]])).value).toBeCloseTo(4.5, 12);
  });

  it("is symmetric and grows with the shift", () => {
    const x = gaussianMatrix(150, 2, 2);
    const near = gaussianMatrix(150, 2, 3, 0.5);
    const far = gaussianMatrix(150, 2, 3, 2);
    const a = energyDistance(x, near).value;
    const b = energyDistance(x, far).value;
    expect(energyDistance(near, x).value).toBeCloseTo(a, 10);
    expect(a).toBeGreaterThan(0.1);
    expect(b).toBeGreaterThan(2 * a);
    // A shift s ≫ spread tends to 2·‖shift‖ = 2·2√2 ≈ 5.66 minus the within-set spread terms.
    expect(b).toBeGreaterThan(3);
    expect(b).toBeLessThan(5.66);
  });

  it("rejects NaN and mismatched dimensions, naming the argument", () => {
    expect(() => energyDistance(fromRows([[Number.NaN]]), fromRows([[0]]))).toThrow(/real: non-finite/);
    expect(() => energyDistance(fromRows([[0]]), fromRows([[0, 1]]))).toThrow(/fake: has 2 columns/);
    expect(() => energyDistance({ data: new Float32Array(3), rows: 2, cols: 2 }, fromRows([[0, 1]]))).toThrow(/real: data length 3/);
  });
});
