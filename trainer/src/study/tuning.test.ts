import { describe, expect, it } from "vitest";
import { expandStudy, parseStudyConfig } from "./config.ts";
import { drawTrials, describeTrial } from "./tuning.ts";
import { Tuning } from "./tuning-space.ts";

const SPACE = {
  lr: { min: 1e-5, max: 1e-2 },
  tturRatio: { min: 1, max: 4 },
  beta1: [0, 0.5, 0.9],
  beta2: { min: 0.9, max: 0.999 },
  nCritic: [1, 5],
  penaltyWeight: { min: 0.1, max: 100 },
};

describe("drawTrials", () => {
  it("draws every value inside its declared space, seeded and repeatable", () => {
    const t = Tuning.parse({ trials: 40, seed: 7, space: SPACE });
    const a = drawTrials(t);
    expect(a).toHaveLength(40);
    expect(drawTrials(t)).toEqual(a);
    expect(drawTrials({ ...t, seed: 8 })).not.toEqual(a);
    for (const v of a) {
      expect(v.lrG).toBeGreaterThanOrEqual(1e-5);
      expect(v.lrG).toBeLessThanOrEqual(1e-2);
      expect(v.lrD / v.lrG).toBeGreaterThanOrEqual(1 - 1e-12);
      expect(v.lrD / v.lrG).toBeLessThanOrEqual(4 + 1e-12);
      expect([0, 0.5, 0.9]).toContain(v.beta1);
      expect(v.beta2).toBeGreaterThanOrEqual(0.9);
      expect(v.beta2).toBeLessThanOrEqual(0.999);
      expect([1, 5]).toContain(v.nCritic);
      expect(v.penaltyWeight).toBeGreaterThanOrEqual(0.1);
      expect(v.penaltyWeight).toBeLessThanOrEqual(100);
    }
    // Log-uniform: about half of the learning rates fall below the geometric midpoint √(1e-5 · 1e-2) ≈ 3.2e-4.
    const below = a.filter((v) => v.lrG < Math.sqrt(1e-7)).length;
    expect(below).toBeGreaterThan(10);
    expect(below).toBeLessThan(30);
  });

  it("untuned dimensions are absent and do not shift the tuned ones", () => {
    const full = drawTrials(Tuning.parse({ trials: 5, space: SPACE }));
    const lrOnly = drawTrials(Tuning.parse({ trials: 5, space: { lr: SPACE.lr } }));
    expect(lrOnly.map((v) => v.lrG)).toEqual(full.map((v) => v.lrG));
    expect(lrOnly.every((v) => v.lrD === v.lrG && v.beta1 === undefined && v.nCritic === undefined)).toBe(true);
    expect(describeTrial({ lrG: 2e-4, lrD: 2e-4, beta1: 0.5, nCritic: 5 })).toBe("lr 2.0e-4 · β1 0.5 · n_critic 5");
    expect(describeTrial({ lrG: 2e-4, lrD: 6e-4, beta1: 0, penaltyWeight: 12.34 })).toBe("lr 2.0e-4 (D 6.0e-4) · β1 0 · penalty 12");
  });

  it("rejects an empty or inverted range, naming the field", () => {
    expect(() =>
      parseStudyConfig({
        data: { name: "ring8" },
        losses: ["ns"],
        seeds: 1,
        steps: 10,
        tuning: { trials: 2, space: { lr: { min: 1e-2, max: 1e-4 } } },
      }),
    ).toThrow(/tuning\.space\.lr\.min/);
    expect(() =>
      parseStudyConfig({
        data: { name: "ring8" },
        losses: ["ns"],
        seeds: 1,
        steps: 10,
        tuning: { trials: 0, space: { lr: { min: 1e-4, max: 1e-3 } } },
      }),
    ).toThrow(/tuning\.trials/);
  });
});

describe("expandStudy with tuning", () => {
  const cfg = parseStudyConfig(
    {
      data: { name: "ring8" },
      losses: ["ns", "wgan-gp", "wgan"],
      seeds: 2,
      steps: 10,
      tuning: { trials: 3, seed: 1, space: { lr: { min: 1e-4, max: 1e-3 }, penaltyWeight: { min: 1, max: 10 }, nCritic: [1, 2] } },
    },
    { cores: 2 },
  );
  const runs = expandStudy(cfg);

  it("gives every loss the same trials × seeds, with the same draws per trial", () => {
    expect(runs).toHaveLength(3 * 3 * 2);
    for (const loss of ["ns", "wgan-gp", "wgan"]) {
      const own = runs.filter((r) => r.loss === loss);
      expect(own.map((r) => r.runId).sort()).toEqual(["t0-s0", "t0-s1", "t1-s0", "t1-s1", "t2-s0", "t2-s1"].map((x) => `${loss}-${x}`).sort());
    }
    const t1 = runs.filter((r) => r.trial?.index === 1);
    expect(new Set(t1.map((r) => r.config.optimizers.g?.lr)).size).toBe(1);
    expect(new Set(t1.map((r) => r.config.nCritic)).size).toBe(1);
  });

  it("applies the trial: Adam at the drawn learning rates; penalty weight only where a penalty exists", () => {
    const gp = runs.find((r) => r.runId === "wgan-gp-t0-s0")!;
    const v = gp.trial!.values;
    expect(gp.config.optimizers).toEqual({ g: { type: "adam", lr: v.lrG }, d: { type: "adam", lr: v.lrD } });
    expect(gp.config.regularizers).toEqual([{ type: "gp", lambda: v.penaltyWeight, oneSided: false, sampling: "interpolate" }]);
    const ns = runs.find((r) => r.runId === "ns-t0-s0")!;
    expect(ns.config.regularizers).toBeUndefined();
    expect(ns.trial!.values.penaltyWeight).toBeUndefined();
    const wgan = runs.find((r) => r.runId === "wgan-t0-s0")!; // clipping is not a penalty: c stays the preset's
    expect(wgan.config.regularizers).toBeUndefined();
    expect(wgan.config.optimizers.d?.type).toBe("adam");
  });
});
