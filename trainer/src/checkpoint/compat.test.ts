import { describe, expect, it } from "vitest";
import { parseTrainingConfig, type TrainingConfigInput } from "@gantry/core";
import { makeToy } from "../data/toys.ts";
import { resolveConfig } from "../engine/resolve-config.ts";
import { assertResumeCompatible } from "./compat.ts";
import type { CheckpointManifest } from "./format.ts";

const toy = makeToy("ring8");
const BASE: TrainingConfigInput = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  model: { gHidden: [8], dHidden: [8] },
  steps: 100,
  seed: 1,
};
const resolved = (over: Partial<TrainingConfigInput> = {}) => resolveConfig(parseTrainingConfig({ ...BASE, ...over }), toy.info);

function manifest(step = 50): CheckpointManifest {
  return {
    formatVersion: 1,
    trainingId: "run",
    step,
    createdAt: "",
    reason: "periodic",
    config: resolved() as unknown as Record<string, unknown>,
    dataset: { id: "ring8", kind: "toy2d", sampleShape: [2], range: [-2, 2], classes: null },
    backend: "cpu",
    rng: { seed: 1, step },
    metrics: null,
    weightsManifest: [],
    files: [],
  };
}

describe("assertResumeCompatible", () => {
  it("allows steps, cadence, batch size, learning rate and loss changes", () => {
    expect(() =>
      assertResumeCompatible(
        manifest(),
        resolved({
          steps: 500,
          batchSize: 16,
          logEvery: 3,
          loss: { name: "hinge" },
          optimizers: { g: { type: "adam", lr: 1e-5 } },
        }),
        [2],
      ),
    ).not.toThrow();
  });

  it("refuses architecture, shape, seed, optimizer type and EMA changes, naming every field", () => {
    const next = resolved({
      model: { gHidden: [16], dHidden: [8], zDim: 3 },
      seed: 2,
      emaDecay: 0.99,
      steps: 40,
      optimizers: { d: { type: "sgd", lr: 0.1 } },
    });
    let message = "";
    try {
      assertResumeCompatible(manifest(), next, [3]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^cannot resume run from step 50: /);
    for (const field of [
      "model.zDim: checkpoint has 2, config has 3",
      "model.gHidden: checkpoint has [8], config has [16]",
      "data.name: sample shape [3]",
      "seed: checkpoint has 1, config has 2",
      "optimizers.d.type: checkpoint has adam",
      "emaDecay: the checkpoint has no EMA weights",
      "steps: 40 is below the checkpoint's step 50",
    ]) {
      expect(message).toContain(field);
    }
    expect(message).not.toContain("model.dHidden");
  });
});
