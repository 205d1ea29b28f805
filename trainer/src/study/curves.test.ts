import { describe, expect, it } from "vitest";
import type { RunData } from "./collect.ts";
import { metricBand } from "./curves.ts";

const run = (runId: string, evals: [number, number][]): RunData => ({
  runId,
  loss: "ns",
  seed: 0,
  status: "succeeded",
  error: null,
  logs: [],
  evals: evals.map(([step, swd]) => ({ step, values: { swd }, seconds: null })),
});

describe("metricBand", () => {
  it("gives the mean and the bootstrap interval per step, skipping steps without a finite value", () => {
    const band = metricBand(
      [
        run("a", [
          [10, 1],
          [20, Number.NaN],
          [30, Number.NaN],
        ]),
        run("b", [
          [10, 3],
          [20, 5],
          [30, Number.NaN],
        ]),
      ],
      "swd",
      7,
    );
    expect(band.map((p) => p.step)).toEqual([10, 20]);
    // Resampled means of {1, 3} are 1, 2 or 3 with probabilities 1/4, 1/2, 1/4: the 2.5 % and 97.5 % quantiles are
    // the extremes.
    expect(band[0]).toEqual({ step: 10, mean: 2, lo: 1, hi: 3, n: 2 });
    // One finite seed carries no spread: lo = hi = mean.
    expect(band[1]).toEqual({ step: 20, mean: 5, lo: 5, hi: 5, n: 1 });
  });

  it("is reproducible for a seed and empty for a metric no run logged", () => {
    const runs = [run("a", [[5, 0.1]]), run("b", [[5, 0.4]]), run("c", [[5, 0.2]])];
    expect(metricBand(runs, "swd", 1)).toEqual(metricBand(runs, "swd", 1));
    const [p] = metricBand(runs, "swd", 1);
    expect(p!.mean).toBeCloseTo(0.7 / 3, 12);
    expect(p!.lo).toBeGreaterThanOrEqual(0.1 - 1e-12);
    expect(p!.lo).toBeLessThan(p!.mean);
    expect(p!.hi).toBeGreaterThan(p!.mean);
    expect(p!.hi).toBeLessThanOrEqual(0.4 + 1e-12); // a mean of three 0.4s, in floating point
    expect(metricBand(runs, "fd", 1)).toEqual([]);
  });
});
