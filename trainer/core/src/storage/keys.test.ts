import { describe, expect, it } from "vitest";
import { checkpointStep, datasetKeys, listIdsWithFile, padStep, parseKey, studyKeys, trainingKeys } from "./keys.ts";
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
    expect(k.samples(50, "png")).toBe("trainings/gan-01/samples/000000050.png");
    expect(k.samples(50, "svg")).toBe("trainings/gan-01/samples/000000050.svg");
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
    for (const key of [t.config, t.status, t.metrics, t.events, t.latest, t.best, t.samples(3, "png"), t.samples(3, "svg")]) validateKey(key);
    for (const p of [t.prefix, t.checkpoints, t.checkpoint(3), studyKeys("s").runs, datasetKeys("d").prefix]) validatePrefix(p);
  });

  it("recovers the step from a checkpoint key", () => {
    expect(checkpointStep("trainings/t/checkpoints/000001200/")).toBe(1200);
    expect(checkpointStep("trainings/t/checkpoints/000000007/weights.bin")).toBe(7);
    expect(checkpointStep("trainings/t/checkpoints/12/")).toBeNull();
    expect(checkpointStep("trainings/t/latest.json")).toBeNull();
  });
});

describe("parseKey and listIdsWithFile", () => {
  it("splits layout keys into collection, id and rest; other keys are null", () => {
    expect(parseKey("trainings/t-1/config.json")).toEqual({ collection: "trainings", id: "t-1", rest: "config.json" });
    expect(parseKey("studies/s-1/runs/ns-s0/status.json")).toEqual({ collection: "studies", id: "s-1", rest: "runs/ns-s0/status.json" });
    for (const k of ["trainings/t-1", "other/x/y.json", "trainings"]) expect(parseKey(k)).toBeNull();
  });

  it("lists the ids that have a given file, skipping nested and invalid ones", async () => {
    const keys = [
      "trainings/a/config.json",
      "trainings/a/status.json",
      "trainings/b/status.json",
      "trainings/c/config.json",
      "trainings/c/samples/config.json",
      "trainings/-bad/config.json",
      "datasets/d/config.json",
    ];
    const storage = {
      async *list(prefix: string) {
        for (const key of keys) if (key.startsWith(prefix)) yield { key, size: 0, lastModified: new Date(0) };
      },
    };
    expect(await listIdsWithFile(storage, "trainings", "config.json")).toEqual(["a", "c"]);
    expect(await listIdsWithFile(storage, "datasets", "config.json")).toEqual(["d"]);
  });
});
