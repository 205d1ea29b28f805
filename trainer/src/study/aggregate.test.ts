import { describe, expect, it } from "vitest";
import { aggregateStudy } from "./aggregate.ts";
import { parseMetrics, type RunData } from "./collect.ts";
import type { Threshold } from "./config.ts";

/** A synthetic run: log lines at every eval step (1 s per 10 steps) and the given eval values. */
function run(loss: string, seed: number, evals: Record<string, number>[], opts: Partial<RunData> = {}): RunData {
  const steps = evals.map((_, i) => 10 * (i + 1));
  return {
    runId: `${loss}-s${seed}`,
    loss,
    seed,
    status: "succeeded",
    error: null,
    logs: steps.map((step) => ({ step, dLoss: 1, gLoss: 1, realMean: 0.5, fakeMean: -0.5, seconds: step / 10 })),
    evals: evals.map((values, i) => ({ step: steps[i]!, values, seconds: steps[i]! / 10 })),
    ...opts,
  };
}

const MODES: Threshold = { metric: "modesCaptured", op: ">=", value: 7.5 };
const CFG = { thresholds: [MODES], primaryMetric: "swd", failure: { diverged: true, collapsed: true } };

describe("aggregateStudy", () => {
  it("gives the mean and a 95 % bootstrap interval matching hand-computed values", () => {
    const r = aggregateStudy(
      [
        run("a", 0, [{ swd: 1 }]),
        run("a", 1, [{ swd: 3 }]),
        run("b", 0, [{ swd: 1 }]),
        run("b", 1, [{ swd: 2 }]),
        run("b", 2, [{ swd: 3 }]),
        run("b", 3, [{ swd: 4 }]),
      ],
      { ...CFG, losses: ["a", "b"] },
    );
    // Two values: resampled means are 1, 2, 3 with probabilities ¼, ½, ¼, so the 2.5 % / 97.5 % quantiles are 1 and 3.
    expect(r.losses[0]!.final.swd).toEqual({ mean: 2, lo: 1, hi: 3, n: 2 });
    // Four values 1..4: bootstrap SE = sqrt(1.25 / 4) ≈ 0.559, so the interval is about 2.5 ± 1.1.
    const b = r.losses[1]!.final.swd!;
    expect(b.mean).toBeCloseTo(2.5, 12);
    expect(b.lo).toBeGreaterThan(1.25);
    expect(b.lo).toBeLessThan(1.75);
    expect(b.hi).toBeGreaterThan(3.25);
    expect(b.hi).toBeLessThan(3.75);
    expect(b.n).toBe(4);
  });

  it("counts steps and seconds to a threshold only over runs that reach it", () => {
    const r = aggregateStudy(
      [
        run("a", 0, [{ modesCaptured: 3 }, { modesCaptured: 8 }, { modesCaptured: 8 }]),
        run("a", 1, [{ modesCaptured: 2 }, { modesCaptured: 4 }, { modesCaptured: 6 }]),
        run("a", 2, [{ modesCaptured: 2 }, { modesCaptured: 7 }, { modesCaptured: 8 }]),
        run("b", 0, [{ modesCaptured: 1 }, { modesCaptured: 1 }]),
      ],
      { ...CFG, losses: ["a", "b"] },
    );
    const a = r.losses[0]!.thresholds[0]!;
    expect(a.reached).toBe(2);
    expect(a.evaluated).toBe(3);
    expect(a.steps).toEqual({ mean: 25, lo: 20, hi: 30, n: 2 }); // 20 and 30; the never-reached run is not a 0
    expect(a.seconds!.mean).toBeCloseTo(2.5, 12);
    const b = r.losses[1]!.thresholds[0]!;
    expect([b.reached, b.evaluated, b.steps, b.seconds]).toEqual([0, 1, null, null]);
    expect(r.runs.find((o) => o.runId === "a-s1")!.thresholds[0]).toEqual({ steps: null, seconds: null, evaluated: true });
  });

  it("computes the failure rate from divergence and collapse over runs with an outcome", () => {
    const nan = Number.NaN;
    const runs = [
      run("a", 0, [
        { swd: 1, modesCaptured: 8 },
        { swd: 1, modesCaptured: 8 },
      ]),
      run("a", 1, [
        { swd: 1, modesCaptured: 8 },
        { swd: 2, modesCaptured: 3 },
      ]), // 3 < ½ · 8: collapsed
      run("a", 2, [{ swd: 1, modesCaptured: 5 }], {
        status: "failed",
        error: { code: "diverged", message: "diverged at step 20" },
        logs: [
          { step: 10, dLoss: 1, gLoss: 1, realMean: 0, fakeMean: 0, seconds: 1 },
          { step: 20, dLoss: nan, gLoss: nan, realMean: nan, fakeMean: nan, seconds: 2 },
        ],
      }),
      run("a", 3, [], { status: "pending", logs: [] }),
    ];
    const r = aggregateStudy(runs, { ...CFG, losses: ["a"] });
    const a = r.losses[0]!;
    expect([a.runs, a.finished, a.diverged, a.collapsed, a.failures, a.incomplete]).toEqual([4, 2, 1, 1, 2, 1]);
    expect(a.failureRate).toBeCloseTo(2 / 3, 12);
    expect(a.final.swd).toEqual({ mean: 1.5, lo: 1, hi: 2, n: 2 }); // the diverged run has no final value
    const onlyDiverged = aggregateStudy(runs, { ...CFG, losses: ["a"], failure: { diverged: true, collapsed: false } });
    expect(onlyDiverged.losses[0]!.failureRate).toBeCloseTo(1 / 3, 12);
    expect(r.losses[0]!.best.modesCaptured!.mean).toBeCloseTo((8 + 8 + 5) / 3, 12);
  });

  it("ranks by the final primary metric and says which intervals overlap", () => {
    const r = aggregateStudy(
      [
        run("x", 0, [{ swd: 1.0 }]),
        run("x", 1, [{ swd: 1.1 }]),
        run("y", 0, [{ swd: 1.05 }]),
        run("y", 1, [{ swd: 1.15 }]),
        run("z", 0, [{ swd: 3.0 }]),
        run("z", 1, [{ swd: 3.1 }]),
        run("w", 0, [], { status: "failed", error: { code: "bad_data", message: "x" }, logs: [] }),
      ],
      { ...CFG, losses: ["z", "w", "y", "x"] },
    );
    expect(r.ranking.map((e) => e.loss)).toEqual(["x", "y", "z", "w"]);
    expect(r.ranking[0]!.overlapsWith).toEqual(["y"]);
    expect(r.ranking[0]!.note).toBe("not distinguishable at 95 % from y");
    expect(r.ranking[2]!.note).toBe("interval separate from every other loss");
    expect(r.ranking[3]).toMatchObject({ rank: 4, value: null, note: "no finished run" });
    const byModes = aggregateStudy([run("p", 0, [{ modesCaptured: 2 }]), run("q", 0, [{ modesCaptured: 8 }])], {
      ...CFG,
      losses: ["p", "q"],
      primaryMetric: "modesCaptured",
    });
    expect(byModes.direction).toBe("max");
    expect(byModes.ranking.map((e) => [e.loss, e.note])).toEqual([
      ["q", "one finished seed: no interval"],
      ["p", "one finished seed: no interval"],
    ]);
  });
});

describe("parseMetrics", () => {
  it("adds up elapsed time over resumed attempts, reads null as NaN and skips a torn line", () => {
    const text = `${[
      { step: 10, dLoss: 1, gLoss: 2, realMean: 0, fakeMean: 0, elapsedMs: 1000 },
      { step: 20, dLoss: null, gLoss: 2, realMean: 0, fakeMean: 0, elapsedMs: 2000 },
      { step: 20, eval: { swd: 0.5 } },
      { step: 30, dLoss: 1, gLoss: 2, realMean: 0, fakeMean: 0, elapsedMs: 500 }, // resumed: clock restarted
      { step: 40, dLoss: 1, gLoss: 2, realMean: 0, fakeMean: 0, elapsedMs: 1500 },
      { step: 35, eval: { swd: 0.25 } },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n")}\n{"step": 50, "dLo`;
    const m = parseMetrics(text);
    expect(m.logs.map((l) => l.seconds)).toEqual([1, 2, 2.5, 3.5]);
    expect(m.logs[1]!.dLoss).toBeNaN();
    expect(m.evals.map((e) => [e.step, e.seconds])).toEqual([
      [20, 2],
      [35, 3],
    ]);
  });
});
