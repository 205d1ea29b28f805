import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { studyKeys } from "@gantry/trainer/storage";
import type { StudiesService, StudyView } from "../deps.ts";
import { StudyCurvesSchema, StudyRunSchema } from "../schemas/study-run.ts";
import { call, expectProblem, SAMPLE_KEY, testApp, type TestApp } from "../test-support.ts";

const record = (loss: string, seed: number, status = "succeeded") => ({
  runId: `${loss}-s${seed}`,
  loss,
  seed,
  trial: null,
  status,
  step: 20,
  steps: 20,
  error: null,
});

const STUDY: StudyView = {
  id: "s-1",
  status: "succeeded",
  config: { primaryMetric: "swd" },
  runs: [record("ns", 0), record("ns", 1), record("hinge", 0, "pending")],
};

/** metrics.jsonl of a run: a log line per 10 steps and an evaluation at steps 10 and 20. */
const metrics = (swd10: number, swd20: number): string =>
  [
    { step: 10, dLoss: 1, gLoss: 2 },
    { step: 10, eval: { swd: swd10, modesCaptured: 4 } },
    { step: 20, dLoss: 0.5, gLoss: 1 },
    { step: 20, eval: { swd: swd20, modesCaptured: 8 } },
  ]
    .map((l) => JSON.stringify(l))
    .join("\n");

describe("/v1/studies/{id}/curves and /runs/{runId}", () => {
  let t: TestApp;
  beforeEach(async () => {
    const studies: StudiesService = {
      create: () => Promise.reject(new Error("unused")),
      get: async (id) => (id === STUDY.id ? STUDY : null),
      report: async () => null,
    };
    t = testApp({ studies });
    const k = (runId: string) => studyKeys("s-1").run(runId);
    await t.storage.put(k("ns-s0").metrics, metrics(0.4, 0.2));
    await t.storage.put(k("ns-s1").metrics, metrics(0.6, 0.2));
    await t.storage.putJson(k("ns-s0").config, { loss: { name: "ns" }, seed: 0 });
    await t.storage.putJson(k("ns-s0").latest, { step: 20 });
  });
  afterEach(() => t.cleanup());

  it("draws the primary metric per loss as mean and interval over seeds", async () => {
    const res = await call(t.app, "GET", "/v1/studies/s-1/curves");
    expect(res.status).toBe(200);
    const body = StudyCurvesSchema.parse(await res.json());
    expect(body.metric).toBe("swd");
    expect(body.groups.map((g) => [g.loss, g.runIds])).toEqual([
      ["ns", ["ns-s0", "ns-s1"]],
      ["hinge", ["hinge-s0"]],
    ]);
    const [ns, hinge] = body.groups;
    // Step 10: seeds 0.4 and 0.6 → mean 0.5; resampled means are 0.4, 0.5 or 0.6, so the 95 % interval is [0.4, 0.6].
    expect(ns!.points[0]!.step).toBe(10);
    expect(ns!.points[0]!.mean).toBeCloseTo(0.5, 12);
    expect(ns!.points[0]!.lo).toBeCloseTo(0.4, 12);
    expect(ns!.points[0]!.hi).toBeCloseTo(0.6, 12);
    expect(ns!.points[1]).toMatchObject({ step: 20, n: 2 });
    expect(ns!.points[1]!.lo).toBeCloseTo(0.2, 12);
    expect(ns!.points[1]!.hi).toBeCloseTo(0.2, 12);
    expect(hinge!.points).toEqual([]); // never ran: no evaluations
    // Another metric by name or alias.
    const modes = StudyCurvesSchema.parse(await (await call(t.app, "GET", "/v1/studies/s-1/curves?metric=modes")).json());
    expect(modes.metric).toBe("modesCaptured");
    expect(modes.groups[0]!.points.map((p) => p.mean)).toEqual([4, 8]);
  });

  it("shows one run: its record, config, final metrics and checkpoint; and its metric lines", async () => {
    const res = await call(t.app, "GET", "/v1/studies/s-1/runs/ns-s0");
    expect(res.status).toBe(200);
    const run = StudyRunSchema.parse(await res.json());
    expect(run).toMatchObject({ studyId: "s-1", runId: "ns-s0", loss: "ns", seed: 0, trial: null, status: "succeeded", checkpointStep: 20 });
    expect(run.config).toEqual({ loss: { name: "ns" }, seed: 0 });
    expect(run.final).toEqual({ step: 20, values: { swd: 0.2, modesCaptured: 8 } });
    const lines = (await (await call(t.app, "GET", "/v1/studies/s-1/runs/ns-s1/metrics?since=10")).json()) as { data: unknown[] };
    expect(lines.data).toEqual([
      { step: 20, dLoss: 0.5, gLoss: 1 },
      { step: 20, eval: { swd: 0.2, modesCaptured: 8 } },
    ]);
    const pending = StudyRunSchema.parse(await (await call(t.app, "GET", "/v1/studies/s-1/runs/hinge-s0")).json());
    expect(pending).toMatchObject({ config: null, final: null, checkpointStep: null });
  });

  it("404 for an unknown study or run, 400 for a bad run id, 409 for samples before a checkpoint", async () => {
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-9/curves"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1/runs/ns-s7"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1/runs/ns-s7/metrics"), 404);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1/runs/..bad/metrics"), 400, ["params.runId"]);
    await expectProblem(await call(t.app, "GET", "/v1/studies/s-1/runs/hinge-s0/samples.png", { key: SAMPLE_KEY }), 409);
  });

  it("answers 501 without a study engine", async () => {
    const bare = testApp();
    try {
      await expectProblem(await call(bare.app, "GET", "/v1/studies/s-1/runs/ns-s0"), 501);
    } finally {
      bare.cleanup();
    }
  });
});
