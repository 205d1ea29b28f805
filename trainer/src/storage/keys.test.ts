import { describe, expect, it } from "vitest";
import { checkpointStep, datasetKeys, padStep, studyKeys, trainingKeys } from "./keys.ts";
import { InvalidIdError, validateKey, validatePrefix } from "./validate.ts";

describe("storage key layout", () => {
  it("lays out a training", () => {
    const k = trainingKeys("gan-01");
    expect(k).toMatchObject({
      prefix: "trainings/gan-01/",
      config: "trainings/gan-01/config.json",
      status: "trainings/gan-01/status.json",
      metrics: "trainings/gan-01/metrics.jsonl",
      events: "trainings/gan-01/events.jsonl",
      latest: "trainings/gan-01/latest.json",
      best: "trainings/gan-01/best.json",
      checkpoints: "trainings/gan-01/checkpoints/",
    });
    expect(k.checkpoint(0)).toBe("trainings/gan-01/checkpoints/000000000/");
    expect(k.checkpoint(1200)).toBe("trainings/gan-01/checkpoints/000001200/");
    expect(k.checkpoint(999_999_999)).toBe("trainings/gan-01/checkpoints/999999999/");
    expect(k.samples(50)).toBe("trainings/gan-01/samples/000000050.png");
  });

  it("pads steps so lexical order is step order", () => {
    const steps = [5, 40, 300, 2000, 10_000];
    const keys = steps.map((s) => trainingKeys("t").checkpoint(s));
    expect([...keys].sort()).toEqual(keys);
    expect(padStep(7)).toBe("000000007");
  });

  it("rejects steps that cannot be padded to 9 digits", () => {
    for (const bad of [-1, 1.5, 1e9, Number.NaN, Infinity]) {
      expect(() => trainingKeys("t").checkpoint(bad)).toThrow(/invalid step/);
    }
  });

  it("lays out datasets and studies, study runs mirroring trainings", () => {
    expect(datasetKeys("mnist")).toEqual({ prefix: "datasets/mnist/", meta: "datasets/mnist/meta.json", data: "datasets/mnist/data.npy" });
    const s = studyKeys("lr-sweep");
    expect(s).toMatchObject({
      prefix: "studies/lr-sweep/",
      study: "studies/lr-sweep/study.json",
      report: "studies/lr-sweep/report.html",
      summary: "studies/lr-sweep/study.md",
      runs: "studies/lr-sweep/runs/",
    });
    const run = s.run("r3");
    expect(run.config).toBe("studies/lr-sweep/runs/r3/config.json");
    expect(run.checkpoint(10)).toBe("studies/lr-sweep/runs/r3/checkpoints/000000010/");
  });

  it("validates every id before building keys", () => {
    expect(() => trainingKeys("../etc")).toThrow(InvalidIdError);
    expect(() => datasetKeys("")).toThrow(/invalid id/);
    expect(() => studyKeys("a/b")).toThrow(/invalid id/);
    expect(() => studyKeys("ok").run("..")).toThrow(/invalid runId/);
  });

  it("produces keys and prefixes the storage validator accepts", () => {
    const t = trainingKeys("t");
    for (const key of [t.config, t.status, t.metrics, t.events, t.latest, t.best, t.samples(3)]) validateKey(key);
    for (const p of [t.prefix, t.checkpoints, t.checkpoint(3), studyKeys("s").runs, datasetKeys("d").prefix]) validatePrefix(p);
  });

  it("recovers the step from a checkpoint key", () => {
    expect(checkpointStep("trainings/t/checkpoints/000001200/")).toBe(1200);
    expect(checkpointStep("trainings/t/checkpoints/000000007/weights.bin")).toBe(7);
    expect(checkpointStep("trainings/t/checkpoints/12/")).toBeNull();
    expect(checkpointStep("trainings/t/latest.json")).toBeNull();
  });
});
