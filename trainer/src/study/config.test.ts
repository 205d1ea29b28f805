import { describe, expect, it } from "vitest";
import { ConfigError, LOSS_NAMES, parseTrainingConfig } from "@gantry/core";
import { expandStudy, parseStudyConfig, StudyConfigError } from "./config.ts";

const BASE = { data: { name: "ring8" }, losses: ["ns", "hinge"], seeds: 2, steps: 200 };

function issues(input: unknown): { path: string; message: string }[] {
  try {
    parseStudyConfig(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(StudyConfigError);
    expect((err as Error).message).toMatch(/^invalid study config: /);
    return (err as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

describe("StudyConfig", () => {
  it("names its data `data`, as a training does; `dataset` is the deprecated alias, never both", () => {
    const withData = parseStudyConfig({ ...BASE, data: { name: "mnist", classes: [3] } }, { cores: 2 });
    const { data: _d, ...rest } = BASE;
    const withAlias = parseStudyConfig({ ...rest, dataset: { name: "mnist", classes: [3] } }, { cores: 2 });
    expect(withAlias).toEqual(withData);
    expect(withData.data).toEqual({ name: "mnist", classes: [3] });
    expect("dataset" in withData).toBe(false);
    expect(expandStudy(withAlias).map((r) => r.config.data)).toEqual(Array(4).fill({ name: "mnist", classes: [3] }));
    expect(issues(rest)).toEqual([{ path: "data", message: "required" }]);
    expect(issues({ ...BASE, dataset: { name: "ring8" } })).toEqual([{ path: "dataset", message: "is the deprecated name of data: give only data" }]);
    expect(issues({ ...rest, dataset: { nme: "ring8" } }).map((i) => i.path)).toEqual(expect.arrayContaining(["dataset.nme"]));
  });

  it("rejects unknown keys with their full path, at any depth", () => {
    const got = issues({
      ...BASE,
      stepz: 3,
      shared: { lr: 1 },
      perLoss: { ns: { optimizers: { g: { type: "adam", lr: 1e-3, b1: 0.5 } } } },
    });
    expect(got).toEqual(
      expect.arrayContaining([
        { path: "stepz", message: "unknown key" },
        { path: "shared.lr", message: "unknown key" },
        { path: "perLoss.ns.optimizers.g.b1", message: "unknown key" },
      ]),
    );
    expect(got).toHaveLength(3);
  });

  it("names the bad element of a losses list, not just the union", () => {
    const got = issues({ ...BASE, losses: ["ns", "wgan-xx"] });
    expect(got.map((i) => i.path)).toEqual(["losses.1"]);
    expect(issues({ ...BASE, losses: "some" })[0]!.path).toBe("losses");
  });

  it("rejects duplicates, perLoss for absent losses, evalEvery > steps and bad thresholds", () => {
    const got = issues({
      ...BASE,
      losses: ["ns", "ns"],
      seeds: [1, 1],
      perLoss: { lsgan: { nCritic: 2 } },
      evalEvery: 500,
    }).map((i) => i.path);
    expect(got.sort()).toEqual(["evalEvery", "losses", "perLoss.lsgan", "seeds"]);
    expect(issues({ ...BASE, thresholds: [{ metric: "modes", op: "=>", value: 7.5 }] }).map((i) => i.path)).toEqual(["thresholds.0.op"]);
    expect(issues({ ...BASE, seeds: 0 }).map((i) => i.path)).toEqual(["seeds"]);
  });

  it("takes the training config's bounds for overrides and shared fields, and adds no training default to an override", () => {
    const bad = { nCritic: 101, emaDecay: 1, sampleEvery: -1, optimizers: { g: { type: "adam", lr: -1 } } };
    const got = issues({ ...BASE, batchSize: 4097, steps: 10_000_001, shared: bad, perLoss: { ns: { nCritic: 0 } } }).map((i) => i.path);
    // Each rejected by the same rule a training's field has (checked against parseTrainingConfig below).
    expect(got.sort()).toEqual(
      ["batchSize", "perLoss.ns.nCritic", "shared.emaDecay", "shared.nCritic", "shared.optimizers.g.lr", "shared.sampleEvery", "steps"].sort(),
    );
    const training = { data: { name: "ring8" }, loss: { name: "ns" } };
    expect(() => parseTrainingConfig({ ...training, nCritic: 101, emaDecay: 1, sampleEvery: -1, batchSize: 4097 })).toThrow(ConfigError);
    expect(parseTrainingConfig({ ...training, nCritic: 100, emaDecay: 0.999, sampleEvery: 0 }).nCritic).toBe(100);
    const c = parseStudyConfig({ ...BASE, shared: { nCritic: 100, emaDecay: 0.999 }, perLoss: { hinge: {} } });
    // An empty override stays empty (a training default such as emaDecay 0 would replace the preset's value).
    expect(c.shared).toEqual({ nCritic: 100, emaDecay: 0.999 });
    expect(c.perLoss).toEqual({ hinge: {} });
  });

  it('expands "all" to the 12 losses and a seed count to 0 … n−1, and decides every default', () => {
    const c = parseStudyConfig({ data: { name: "ring8" }, losses: "all", seeds: 3, steps: 1000 }, { cores: 2 });
    expect(c.losses).toEqual([...LOSS_NAMES]);
    expect(c.losses).toHaveLength(12);
    expect(c.seeds).toEqual([0, 1, 2]);
    expect(c.evalEvery).toBe(50); // steps / 20
    expect(c.logEvery).toBe(10);
    expect(c.checkpointEvery).toBe(250); // steps / 4
    expect(c.workers).toBe(2);
    expect(c.batchSize).toBe(64);
    expect(c.primaryMetric).toBe("swd");
    expect(expandStudy(c)).toHaveLength(36);
  });

  it("resolves metric aliases in thresholds and the primary metric", () => {
    const c = parseStudyConfig({ ...BASE, primaryMetric: "modes", thresholds: [{ metric: "fd", op: "<=", value: 3 }] });
    expect(c.primaryMetric).toBe("modesCaptured");
    expect(c.thresholds[0]!.metric).toBe("fd_lenet");
  });
});

describe("expandStudy", () => {
  it("orders runs seed-major with ids <loss>-s<seed> and layers preset < shared < perLoss", () => {
    const c = parseStudyConfig({
      ...BASE,
      seeds: [7, 3],
      batchSize: 32,
      model: { gHidden: [8] },
      shared: { optimizers: { g: { type: "adam", lr: 1e-3 } }, emaDecay: 0.9 },
      perLoss: { hinge: { optimizers: { d: { type: "sgd", lr: 0.01 } }, nCritic: 2 } },
    });
    const runs = expandStudy(c);
    expect(runs.map((r) => r.runId)).toEqual(["ns-s7", "hinge-s7", "ns-s3", "hinge-s3"]);
    const ns = runs[0]!.config;
    const hinge = runs[1]!.config;
    expect(ns.seed).toBe(7);
    expect(ns.loss.name).toBe("ns");
    expect(ns.batchSize).toBe(32);
    expect(ns.model.gHidden).toEqual([8]);
    expect(ns.optimizers).toEqual({ g: { type: "adam", lr: 1e-3 } });
    expect(ns.nCritic).toBeUndefined(); // left to the loss preset
    expect(hinge.optimizers).toEqual({ g: { type: "adam", lr: 1e-3 }, d: { type: "sgd", lr: 0.01 } });
    expect(hinge.nCritic).toBe(2);
    expect(hinge.emaDecay).toBe(0.9);
    expect(ns.evalEvery).toBe(10);
    expect(ns.keepLast).toBe(1);
  });
});
