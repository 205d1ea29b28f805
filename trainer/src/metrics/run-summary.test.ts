import { describe, expect, it } from "vitest";
import { summariseRun, type RunLogEntry } from "./run-summary.ts";

const steady = (n: number): RunLogEntry[] => Array.from({ length: n }, (_, i) => ({ step: i * 10, dLoss: 1, gLoss: 2 }));

describe("summariseRun", () => {
  it("instability is the population std of G loss over the last 20 % of entries", () => {
    const s = steady(10);
    s[8]!.gLoss = 1;
    s[9]!.gLoss = -1;
    const r = summariseRun(s);
    expect(r.tailCount).toBe(2);
    expect(r.instability).toBeCloseTo(1, 12); // values ±1 around mean 0
    expect(r).toMatchObject({ n: 10, lastStep: 90, diverged: false, firstNonFiniteStep: null, collapse: false });
    expect(r.modes).toBeNull();
    expect(r.finalGap).toBeNull();
    expect(summariseRun(steady(7)).instability).toBe(0); // ceil(1.4) = 2 equal values
    expect(summariseRun(steady(1)).tailCount).toBe(1);
  });

  it("flags divergence at the first non-finite value, ignoring it in the instability", () => {
    const s = steady(10);
    s[3]!.dLoss = Number.NaN;
    s[9]!.gLoss = Number.POSITIVE_INFINITY;
    const r = summariseRun(s);
    expect(r.diverged).toBe(true);
    expect(r.firstNonFiniteStep).toBe(30);
    expect(r.instability).toBe(0); // only the finite tail value (2) remains
    s[8]!.gLoss = Number.NaN;
    expect(summariseRun(s).instability).toBeNull();
  });

  it("collapse: last coverage below half the best seen (strict)", () => {
    const withModes = (modes: number[]) => summariseRun(modes.map((m, i) => ({ step: i, dLoss: 0, gLoss: 0, modes: m })));
    const collapsed = withModes([2, 5, 8, 8, 3]);
    expect(collapsed.collapse).toBe(true);
    expect(collapsed.modes).toEqual({ last: 3, max: 8, collapsed: true });
    expect(withModes([2, 5, 8, 8, 4]).collapse).toBe(false); // exactly half is not a collapse
    const classes = summariseRun([
      { step: 0, dLoss: 0, gLoss: 0, classes: 10 },
      { step: 1, dLoss: 0, gLoss: 0, classes: 4 },
    ]);
    expect(classes.collapse).toBe(true);
    expect(classes.classes).toEqual({ last: 4, max: 10, collapsed: true });
  });

  it("final gap comes from the last entry logging both means; logs are ordered by step first", () => {
    const r = summariseRun([
      { step: 20, dLoss: 0, gLoss: 0 },
      { step: 10, dLoss: 0, gLoss: 0, realMean: 0.9, fakeMean: 0.25 },
      { step: 0, dLoss: 0, gLoss: 0, realMean: 0.5, fakeMean: 0.5 },
    ]);
    expect(r.finalGap).toBeCloseTo(0.65, 12);
    expect(r.lastStep).toBe(20);
  });

  it("rejects an empty series and non-finite steps", () => {
    expect(() => summariseRun([])).toThrow(/series: needs at least one/);
    expect(() => summariseRun([{ step: Number.NaN, dLoss: 0, gLoss: 0 }])).toThrow(/series\[0\]\.step/);
  });
});
