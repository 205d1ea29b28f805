import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TrainingConfigInput, TrainingStatus } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { readCheckpoint } from "../checkpoint/read.ts";
import { openStorage, trainingKeys, type Storage, type StorageRetryPolicy } from "../storage/index.ts";
import { OutageStorage } from "../storage/outage-storage.ts";
import { runTrainingJob } from "./run-training-job.ts";

let dir: string;
let files: Storage;
beforeAll(async () => {
  await initBackend("cpu");
  dir = await mkdtemp(path.join(tmpdir(), "gantry-outage-"));
  files = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CONFIG: TrainingConfigInput = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  seed: 5,
  backend: "cpu",
  model: { gHidden: [16], dHidden: [16] },
  batchSize: 16,
  steps: 30,
  logEvery: 5,
  checkpointEvery: 10,
};

/** Real backoff shape, millisecond waits: the test checks counts, never time. */
function policy(): { p: StorageRetryPolicy; waits: number[] } {
  const waits: number[] = [];
  return { waits, p: { attempts: 5, baseMs: 2, maxMs: 8, onRetry: (r) => void waits.push(r.delayMs) } };
}

describe("a training job during a storage outage", () => {
  it("retries through a short outage and finishes", { timeout: 60_000 }, async () => {
    const store = new OutageStorage(files);
    // The store goes away for 4 operations, starting at the first checkpoint write.
    store.failWhen = (op, key) => {
      if (op !== "put" || !key.includes("/checkpoints/")) return false;
      store.failWhen = null;
      store.failNext(3);
      return true;
    };
    const { p, waits } = policy();
    const r = await runTrainingJob({ storage: store, id: "short", config: CONFIG, storageRetry: p });
    expect(r).toMatchObject({ status: "succeeded", exitCode: 0, step: 30, error: null });
    expect(store.failures).toBe(4);
    expect(waits).toHaveLength(4);
    expect((await files.getJson<TrainingStatus>(trainingKeys("short").status))?.status).toBe("succeeded");
  });

  it("an outage that outlasts the retries ends resumable (exit 3, error storage); the next attempt resumes", { timeout: 60_000 }, async () => {
    const store = new OutageStorage(files);
    // Everything under the step-20 checkpoint keeps failing: the run cannot save, so it must stop.
    store.failWhen = (op, key) => op === "put" && key.includes("/checkpoints/000000020/");
    const { p, waits } = policy();
    const r = await runTrainingJob({ storage: store, id: "long", config: CONFIG, storageRetry: p });
    expect(r).toMatchObject({ status: "interrupted", exitCode: 3, step: 20, checkpointStep: 10, error: { code: "storage" } });
    expect(r.error!.message).toMatch(/storage file:.* is unavailable \(put trainings\/long\/checkpoints\/000000020\//);
    // One operation, tried 5 times: 4 waits, then it gave up (bounded, no hang).
    expect([store.failures, waits.length]).toEqual([5, 4]);
    const stored = (await files.getJson<TrainingStatus>(trainingKeys("long").status))!;
    expect(stored).toMatchObject({ status: "interrupted", error: { code: "storage" } });
    expect((await readCheckpoint(files, "long", "latest")).state.step).toBe(10);

    store.restore();
    const again = await runTrainingJob({ storage: store, id: "long", resume: true, storageRetry: p });
    expect(again).toMatchObject({ status: "succeeded", exitCode: 0, step: 30 });
    const done = (await files.getJson<TrainingStatus>(trainingKeys("long").status))!;
    expect(done).toMatchObject({ status: "succeeded", attempt: 2, error: null });
  });
});
