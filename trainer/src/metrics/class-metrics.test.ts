import { describe, expect, it } from "vitest";
import { classMetrics } from "./class-metrics.ts";
import { fromRows } from "./matrix.ts";

const oneHot = (c: number, C: number) => Array.from({ length: C }, (_, j) => (j === c ? 1 : 0));

describe("classMetrics", () => {
  it("one-hot predictions spread evenly over 10 classes: all found, KL 0, score 10", () => {
    const r = classMetrics(fromRows(Array.from({ length: 50 }, (_, i) => oneHot(i % 10, 10))));
    expect(r.classesFound).toBe(10);
    expect(r.totalClasses).toBe(10);
    expect(r.histogram).toEqual(new Array(10).fill(5));
    expect(r.klToUniform).toBe(0);
    expect(r.score).toBeCloseTo(10, 12); // exp(log 10)
    expect(r).toMatchObject({ scoreStd: 0, splits: 1, n: 50 });
  });

  it("a single predicted class: 1 found, KL log C, score 1", () => {
    const r = classMetrics(fromRows(Array.from({ length: 20 }, () => oneHot(3, 10))));
    expect(r.classesFound).toBe(1);
    expect(r.klToUniform).toBeCloseTo(Math.log(10), 12);
    expect(r.score).toBeCloseTo(1, 12);
  });

  it("matches a hand-computed soft example", () => {
    // p(y) = (½, ½); each row's KL = 0.8 ln 1.6 + 0.2 ln 0.4.
    const r = classMetrics(
      fromRows([
        [0.8, 0.2],
        [0.2, 0.8],
      ]),
    );
    expect(r.score).toBeCloseTo(Math.exp(0.8 * Math.log(1.6) + 0.2 * Math.log(0.4)), 12);
    expect(r.score).toBeCloseTo(1.21258, 4);
    expect(r.classesFound).toBe(2);
    // Uninformative rows score exactly 1; ties go to the lowest class index.
    const flat = classMetrics(
      fromRows([
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
    );
    expect(flat.score).toBe(1);
    expect(flat.histogram).toEqual([2, 0]);
  });

  it("splits give the mean and population std of per-split scores", () => {
    // First half: even over 2 classes (score 2); second half: one class (score 1).
    const rows = [oneHot(0, 2), oneHot(1, 2), oneHot(0, 2), oneHot(1, 2), oneHot(0, 2), oneHot(0, 2), oneHot(0, 2), oneHot(0, 2)];
    const r = classMetrics(fromRows(rows), { splits: 2 });
    expect(r.score).toBeCloseTo(1.5, 12);
    expect(r.scoreStd).toBeCloseTo(0.5, 12);
    expect(r.splits).toBe(2);
  });

  it("rejects rows that are not probability vectors, naming the argument and row", () => {
    expect(() => classMetrics(fromRows([[0.5, 0.6]]))).toThrow(/probs: row 0 sums to 1.1/);
    expect(() =>
      classMetrics(
        fromRows([
          [1, 0],
          [1.5, -0.5],
        ]),
      ),
    ).toThrow(/probs: negative probability -0.5 at row 1/);
    expect(() => classMetrics(fromRows([[Number.NaN, 1]]))).toThrow(/probs: non-finite/);
    expect(() => classMetrics(fromRows([[1, 0]]), { splits: 2 })).toThrow(/splits:/);
    // float32 softmax rounding is tolerated.
    expect(classMetrics(fromRows([[0.9999, 0.0002]])).n).toBe(1);
  });
});
