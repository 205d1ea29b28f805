import * as tf from "@tensorflow/tfjs-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import { listCheckpointDirs } from "../checkpoint/prune.ts";
import { readCheckpoint } from "../checkpoint/read.ts";
import { sha256 } from "../checkpoint/weights.ts";
import type { CheckpointState } from "../checkpoint/format.ts";
import type { TrainingConfigInput } from "@gantry/core";
import { openStorage, trainingKeys, type Storage } from "../storage/index.ts";
import { runTrainingJob } from "./run-training-job.ts";
import type { JobEvent, TrainingStatus } from "@gantry/core";

let dir: string;
let storage: Storage;

beforeAll(async () => {
  await initBackend("cpu");
  dir = await mkdtemp(path.join(tmpdir(), "gantry-job-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Small ring8 run: Adam state, EMA and every cadence exercised in a few dozen steps. */
const CONFIG: TrainingConfigInput = {
  data: { name: "ring8" },
  loss: { name: "ns" },
  seed: 11,
  backend: "wasm",
  model: { gHidden: [64, 64], dHidden: [64, 64] },
  batchSize: 32,
  steps: 40,
  emaDecay: 0.9,
  logEvery: 5,
  evalEvery: 20,
  sampleEvery: 20,
  checkpointEvery: 10,
  keepLast: 2,
};

function stateHash(s: CheckpointState): string {
  const parts = Object.keys(s.tensors)
    .sort()
    .map((k) => `${k}:${sha256(new Uint8Array(s.tensors[k]!.data.buffer))}`);
  return sha256(`${s.step}|${parts.join("|")}`);
}

async function lines(key: string): Promise<Record<string, unknown>[]> {
  return ((await storage.getText(key)) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("runTrainingJob", () => {
  it("runs ring8 to the end and writes status, metrics, events, samples and checkpoints", async () => {
    const before = tf.memory().numTensors;
    const seen: JobEvent[] = [];
    const r = await runTrainingJob({ storage, id: "full", config: CONFIG, onEvent: (e) => seen.push(e) });
    expect(r).toMatchObject({ status: "succeeded", step: 40, exitCode: 0, error: null, backend: "wasm", checkpointStep: 40 });
    expect(tf.memory().numTensors).toBe(before);
    const keys = trainingKeys("full");
    const status = (await storage.getJson<TrainingStatus>(keys.status))!;
    expect(status).toMatchObject({ id: "full", status: "succeeded", backend: "wasm", attempt: 1, error: null });
    expect(status.progress).toMatchObject({ step: 40, steps: 40, etaSeconds: 0 });
    expect(status.latestMetrics?.swd).toBeGreaterThan(0);
    expect(Date.parse(status.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(status.startedAt!));
    // 8 step logs (every 5 steps) + 2 evals (step 20 and the end).
    const metrics = await lines(keys.metrics);
    expect(metrics).toHaveLength(10);
    expect(metrics.filter((m) => m.eval).map((m) => m.step)).toEqual([20, 40]);
    expect(Object.keys(metrics[0]!).sort()).toEqual([
      "dGradNorm",
      "dLoss",
      "elapsedMs",
      "fakeMean",
      "gGradNorm",
      "gLoss",
      "realMean",
      "step",
      "stepsPerSecond",
    ]);
    const eval40 = metrics[metrics.length - 1]!.eval as Record<string, number>;
    expect(eval40.modesCaptured).toBeGreaterThanOrEqual(0);
    expect(eval40.modesCaptured).toBeLessThanOrEqual(8);
    const events = await lines(keys.events);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.id)).toEqual(seen.map((e) => e.id));
    expect(events.filter((e) => e.type === "status").map((e) => (e.data as { status: string }).status)).toEqual(["running", "succeeded"]);
    // Checkpoints 10, 20, 30, 40: keepLast 2 leaves 30 and 40, plus the best one if it is older.
    const dirs = (await listCheckpointDirs(storage, "full")).map((d) => d.step);
    const best = await readCheckpoint(storage, "full", "best");
    expect([20, 40]).toContain(best.state.step);
    expect(dirs).toEqual([...new Set([best.state.step, 30, 40])].sort((a, b) => a - b));
    const latest = await readCheckpoint(storage, "full", "latest");
    expect(latest.manifest.reason).toBe("final");
    expect(latest.manifest.metrics?.step).toBe(40);
    expect(latest.manifest.weightsManifest.map((g) => g.group)).toEqual(["discriminator", "ema", "generator", "optimizer_d", "optimizer_g"]);
    for (const step of [20, 40]) {
      const svg = await storage.getText(`trainings/full/samples/${String(step).padStart(9, "0")}.svg`);
      expect(svg).toMatch(/^<svg/);
      const fakes = /<g fill="#e8590c"[^>]*>(.*?)<\/g>/.exec(svg!)?.[1] ?? "";
      expect(fakes.match(/<circle/g)!.length).toBeGreaterThan(900);
    }
    // Starting again under the same id would overwrite a run: refused as a config error.
    const again = await runTrainingJob({ storage, id: "full", config: CONFIG });
    expect(again).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(again.error!.message).toMatch(/already has checkpoints/);
    expect((await storage.getJson<TrainingStatus>(keys.status))!).toEqual(status);
  }, 60_000);

  it.each(["cpu", "wasm"])(
    "abort at step N + resume = the uninterrupted run's weights (%s)",
    async (backend) => {
      const before = tf.memory().numTensors;
      // 24 steps: periodic checkpoint at 10 and 20, EMA and Adam state, evals at 20 and 24.
      const config = { ...CONFIG, steps: 24 };
      const straight = await runTrainingJob({ storage, id: `straight-${backend}`, config, backend });
      expect(straight.exitCode).toBe(0);
      const controller = new AbortController();
      const first = await runTrainingJob({
        storage,
        id: `resumed-${backend}`,
        config,
        backend,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "progress" && (e.data.step as number) >= 12) controller.abort();
        },
      });
      expect(first).toMatchObject({ status: "interrupted", step: 15, exitCode: 3, checkpointStep: 15 });
      const keys = trainingKeys(`resumed-${backend}`);
      expect((await storage.getJson<TrainingStatus>(keys.status))!.status).toBe("interrupted");
      const second = await runTrainingJob({ storage, id: `resumed-${backend}`, resume: true, backend });
      expect(second).toMatchObject({ status: "succeeded", step: 24, exitCode: 0 });
      expect(tf.memory().numTensors).toBe(before);

      const a = await readCheckpoint(storage, `straight-${backend}`, "latest");
      const b = await readCheckpoint(storage, `resumed-${backend}`, "latest");
      expect(b.manifest.backend).toBe(backend);
      expect(stateHash(b.state)).toBe(stateHash(a.state));
      // Metrics: no duplicated steps across the two attempts; events keep numbering; attempt counts up.
      const metrics = await lines(keys.metrics);
      expect(metrics.filter((m) => !m.eval).map((m) => m.step)).toEqual([5, 10, 15, 20, 24]);
      expect(metrics.filter((m) => m.eval).map((m) => m.step)).toEqual([20, 24]);
      const events = await lines(keys.events);
      expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
      const status = (await storage.getJson<TrainingStatus>(keys.status))!;
      expect(status.attempt).toBe(2);
      expect(events.filter((e) => e.type === "status").map((e) => (e.data as { status: string }).status)).toEqual([
        "running",
        "interrupted",
        "running",
        "succeeded",
      ]);
    },
    60_000,
  );

  it("refuses to resume with a different architecture, naming the field", { timeout: 30_000 }, async () => {
    const r = await runTrainingJob({
      storage,
      id: "resumed-cpu",
      resume: true,
      config: { ...CONFIG, steps: 50, model: { gHidden: [32, 64], dHidden: [64, 64] } },
    });
    expect(r).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(r.error!.message).toMatch(/model\.gHidden: checkpoint has \[64,64\], config has \[32,64\]/);
    const status = (await storage.getJson<TrainingStatus>(trainingKeys("resumed-cpu").status))!;
    expect(status.status).toBe("failed");
    expect(status.error?.code).toBe("bad_config");
  });

  it('an abort with reason "canceled" ends in status canceled after a checkpoint', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    controller.abort("canceled");
    const r = await runTrainingJob({ storage, id: "cancel", config: CONFIG, signal: controller.signal });
    expect(r).toMatchObject({ status: "canceled", step: 0, exitCode: 3, checkpointStep: 0 });
    expect((await storage.getJson<TrainingStatus>(trainingKeys("cancel").status))!.status).toBe("canceled");
    expect((await readCheckpoint(storage, "cancel", "latest")).manifest.reason).toBe("interrupted");
  });

  it("reports bad configs and unknown datasets as bad_config with the field path", { timeout: 30_000 }, async () => {
    const bad = await runTrainingJob({ storage, id: "bad1", config: { ...CONFIG, batchSize: -1 } });
    expect(bad).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(bad.error!.message).toMatch(/batchSize/);
    const unknown = await runTrainingJob({ storage, id: "bad2", config: { ...CONFIG, data: { name: "ring9" } } });
    expect(unknown).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(unknown.error!.message).toMatch(/^data\.name: unknown dataset "ring9"/);
    const classes = await runTrainingJob({ storage, id: "bad4", config: { ...CONFIG, data: { name: "ring8", classes: [1] } } });
    expect(classes).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(classes.error!.message).toMatch(/^data\.classes: dataset ring8 has no labels/);
    const missing = await runTrainingJob({ storage, id: "bad3" });
    expect(missing.error!.message).toMatch(/trainings\/bad3\/config\.json does not exist/);
  });
});
