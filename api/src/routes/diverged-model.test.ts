import type { TrainingConfigInput } from "@gantry/core";
import { initBackend } from "@gantry/trainer/backend";
import { loadGenerator } from "@gantry/trainer/checkpoint";
import { runTrainingJob } from "@gantry/trainer/job";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratorCache } from "../services/generator-cache.ts";
import { patchStatus } from "../services/training-store.ts";
import { SAMPLE_KEY, call, expectProblem, fakeLoader, seedTraining, testApp, type TestApp } from "../test-support.ts";

// A real run forced to diverge: hinge loss under plain SGD at lr 1 blows up within a few dozen steps on ring8,
// after writing a checkpoint every step (seeded, on the cpu backend, so the same run every time).
const DIVERGING: TrainingConfigInput = {
  data: { name: "ring8" },
  loss: { name: "hinge" },
  seed: 1,
  backend: "cpu",
  model: { gHidden: [16], dHidden: [16] },
  batchSize: 16,
  steps: 400,
  logEvery: 1,
  checkpointEvery: 1,
  keepLast: 3,
  optimizers: { g: { type: "sgd", lr: 1 }, d: { type: "sgd", lr: 1 } },
} as const;
const HEALTHY = {
  ...DIVERGING,
  loss: { name: "ns" },
  steps: 4,
  optimizers: { g: { type: "adam", lr: 1e-3 }, d: { type: "adam", lr: 1e-3 } },
} as const;

describe("a diverged training publishes no model", () => {
  let t: TestApp;
  let lastCheckpoint: number;
  beforeAll(async () => {
    await initBackend("cpu");
    t = testApp({ load: loadGenerator });
    const div = await runTrainingJob({ storage: t.storage, id: "t-div", config: DIVERGING });
    expect(div).toMatchObject({ status: "failed", exitCode: 1, error: { code: "diverged" } });
    lastCheckpoint = div.checkpointStep!;
    expect(lastCheckpoint).toBeGreaterThanOrEqual(1); // it did write checkpoints before diverging
    expect(await runTrainingJob({ storage: t.storage, id: "t-ok", config: HEALTHY })).toMatchObject({ status: "succeeded" });
  }, 120_000);
  afterAll(() => t.cleanup());

  it("is not listed; GET says it diverged", async () => {
    const list = (await (await call(t.app, "GET", "/v1/models", { key: SAMPLE_KEY })).json()) as { data: { id: string }[] };
    expect(list.data.map((m) => m.id)).toEqual(["t-ok"]);
    const one = await expectProblem(await call(t.app, "GET", "/v1/models/t-div", { key: SAMPLE_KEY }), 404);
    expect(one.detail).toMatch(/training t-div diverged \(diverged at step \d+: .*\), so it publishes no model/);
    expect((await call(t.app, "GET", "/v1/models/t-ok", { key: SAMPLE_KEY })).status).toBe(200);
    // Its training record stays readable, with the reason.
    const tr = (await (await call(t.app, "GET", "/v1/trainings/t-div")).json()) as { status: string; error: { code: string } };
    expect([tr.status, tr.error.code]).toEqual(["failed", "diverged"]);
  });

  it("sampling any version, interpolating, the critic field and the generator export answer 409 model-diverged", async () => {
    const attempts = [
      call(t.app, "POST", "/v1/models/t-div/samples", { body: { n: 4, seed: 1 }, key: SAMPLE_KEY }),
      call(t.app, "POST", "/v1/models/t-div/samples", { body: { n: 4, seed: 1, version: lastCheckpoint }, key: SAMPLE_KEY }),
      call(t.app, "GET", "/v1/models/t-div/samples.png?n=4&seed=1", { key: SAMPLE_KEY }),
      call(t.app, "POST", "/v1/models/t-div/interpolations", { body: { from: 1, to: 2, steps: 3 }, key: SAMPLE_KEY }),
      call(t.app, "GET", "/v1/models/t-div/critic?resolution=8", { key: SAMPLE_KEY }),
      call(t.app, "GET", `/v1/models/t-div/versions/${lastCheckpoint}/generator`, { key: SAMPLE_KEY }),
    ];
    for (const res of await Promise.all(attempts)) {
      const p = await expectProblem(res, 409);
      expect(p.type).toBe("urn:gantry:problem:model-diverged");
    }
    expect((await call(t.app, "POST", "/v1/models/t-ok/samples", { body: { n: 4, seed: 1 }, key: SAMPLE_KEY })).status).toBe(200);
  });
});

describe("a generator cached while its training ran", () => {
  it("is dropped once the training diverges, numeric versions included", async () => {
    let now = 0;
    const t = testApp();
    const generators = new GeneratorCache({ storage: t.storage, load: fakeLoader, budgetBytes: 10_000, refreshMs: 1000, now: () => now });
    const app = testApp({ storage: t.storage, generators });
    try {
      await seedTraining(t.storage, "t-run", { status: "running", steps: [10] });
      const sample = () => call(app.app, "POST", "/v1/models/t-run/samples", { body: { n: 2, seed: 1, version: 10 }, key: SAMPLE_KEY });
      expect((await sample()).status).toBe(200);
      await patchStatus(t.storage, "t-run", { status: "failed", error: { code: "diverged", message: "diverged at step 12: d_loss" } });
      now += 1000;
      expect((await expectProblem(await sample(), 409)).type).toBe("urn:gantry:problem:model-diverged");
    } finally {
      app.cleanup();
      t.cleanup();
    }
  });
});
