import { describe, expect, it } from "vitest";
import { UsageError } from "./context.ts";
import { evaluateGates, parseGate } from "./gates.ts";

describe("parseGate", () => {
  it("reads metric, operator and threshold", () => {
    expect(parseGate("fd_lenet<30")).toEqual({ expr: "fd_lenet<30", metric: "fd_lenet", op: "<", threshold: 30 });
    expect(parseGate(" modes >= 7.5 ")).toMatchObject({ metric: "modes", op: ">=", threshold: 7.5 });
    expect(parseGate("swd<=1e-2")).toMatchObject({ op: "<=", threshold: 0.01 });
    expect(parseGate("reverseKL!=-.5")).toMatchObject({ op: "!=", threshold: -0.5 });
    expect(parseGate("a.b==0")).toMatchObject({ metric: "a.b", op: "==", threshold: 0 });
  });

  it.each(["swd", "swd<", "<3", "swd=<3", "swd<abc", "swd<3x", "9lives>1", "swd<3<4"])("rejects %j", (expr) => {
    expect(() => parseGate(expr)).toThrow(UsageError);
  });
});

describe("evaluateGates", () => {
  const metrics = { swd: 0.4, modesCaptured: 8, bad: Number.NaN };
  const run = (...exprs: string[]) => evaluateGates(exprs.map(parseGate), metrics).map((r) => [r.passed, r.value]);

  it("compares each operator at and around the threshold", () => {
    expect(run("swd<0.5", "swd<0.4", "swd<=0.4", "swd>0.4", "swd>=0.4", "swd==0.4", "swd!=0.4")).toEqual([
      [true, 0.4],
      [false, 0.4],
      [true, 0.4],
      [false, 0.4],
      [true, 0.4],
      [true, 0.4],
      [false, 0.4],
    ]);
    expect(run("modesCaptured>=7.5", "modesCaptured>8")).toEqual([
      [true, 8],
      [false, 8],
    ]);
  });

  it("fails gates whose metric is missing or not finite", () => {
    expect(run("fd_lenet<30", "bad<1")).toEqual([
      [false, null],
      [false, null],
    ]);
    expect(evaluateGates([parseGate("swd<1")], null)[0]).toMatchObject({ passed: false, value: null });
  });
});
