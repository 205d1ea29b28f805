import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TrainingConfigInput } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../backend/index.ts";
import type { CheckpointState } from "../checkpoint/format.ts";
import { readCheckpoint } from "../checkpoint/read.ts";
import { sha256 } from "../checkpoint/weights.ts";
import { openStorage, type Storage, trainingKeys } from "../storage/index.ts";
import { runTrainingJob } from "./run-training-job.ts";

/**
 * model.gNorm's default for the image MLP changed from none to batch. A training stored before that has a config.json
 * without gNorm and checkpoints whose resolved model has none; it must still resume, as none, to the very weights an
 * uninterrupted run gives. The old layout is built here rather than committed: an explicit `gNorm: "none"` resolves to
 * exactly the resolved model the old default wrote (no gNorm key), and the stored config.json then has the field
 * removed, as every config of that time lacked it.
 */

let dir: string;
let storage: Storage;

beforeAll(async () => {
  await initBackend("cpu");
  dir = await mkdtemp(path.join(tmpdir(), "gantry-gnorm-"));
  storage = openStorage(`file://${dir}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Tiny MNIST MLP; one evaluation at the end (the job's LeNet metrics), no sample images.
const BASE = {
  data: { name: "mnist" },
  loss: { name: "ns" },
  seed: 3,
  backend: "cpu",
  batchSize: 16,
  steps: 6,
  logEvery: 2,
  checkpointEvery: 3,
} satisfies TrainingConfigInput;
const MODEL: NonNullable<TrainingConfigInput["model"]> = { arch: "mlp", zDim: 4, gHidden: [8], dHidden: [8] };

function stateHash(s: CheckpointState): string {
  const parts = Object.keys(s.tensors)
    .sort()
    .map((k) => `${k}:${sha256(new Uint8Array(s.tensors[k]!.data.buffer))}`);
  return sha256(`${s.step}|${parts.join("|")}`);
}

/** Runs `id` until its step-3 checkpoint, then stops it (interrupted, resumable). */
async function runToThree(id: string, config: TrainingConfigInput) {
  const controller = new AbortController();
  const r = await runTrainingJob({
    storage,
    id,
    config,
    signal: controller.signal,
    onEvent: (e) => {
      if (e.type === "progress" && (e.data.step as number) >= 2) controller.abort();
    },
  });
  expect(r).toMatchObject({ status: "interrupted", exitCode: 3 });
  return r;
}

const modelOf = async (id: string) => (await readCheckpoint(storage, id, "latest")).manifest.config.model as Record<string, unknown>;

describe("model.gNorm default and resume", () => {
  it("a stored training from before the default (no gNorm anywhere) resumes as none, bit-identical", { timeout: 120_000 }, async () => {
    const none: TrainingConfigInput = { ...BASE, model: { ...MODEL, gNorm: "none" } };
    expect(await runTrainingJob({ storage, id: "straight", config: none })).toMatchObject({ status: "succeeded", step: 6 });
    await runToThree("old", none);
    const keys = trainingKeys("old");
    const stored = (await storage.getJson<{ model: Record<string, unknown> }>(keys.config))!;
    const { gNorm: _dropped, ...oldModel } = stored.model;
    await storage.putJson(keys.config, { ...stored, model: oldModel });
    expect(await modelOf("old")).not.toHaveProperty("gNorm");

    const resumed = await runTrainingJob({ storage, id: "old", resume: true });
    expect(resumed).toMatchObject({ status: "succeeded", step: 6, exitCode: 0 });
    expect(await modelOf("old")).not.toHaveProperty("gNorm");
    const a = await readCheckpoint(storage, "straight", "latest");
    const b = await readCheckpoint(storage, "old", "latest");
    expect(stateHash(b.state)).toBe(stateHash(a.state));
  });

  it("a new training without gNorm gets batch norm, and keeps it when resumed", { timeout: 120_000 }, async () => {
    await runToThree("new", { ...BASE, model: MODEL });
    expect(await modelOf("new")).toMatchObject({ gNorm: "batch" });
    // The stored config still leaves gNorm open: the checkpoint, not today's default, decides on resume.
    expect((await storage.getJson<{ model: Record<string, unknown> }>(trainingKeys("new").config))!.model).not.toHaveProperty("gNorm");
    const resumed = await runTrainingJob({ storage, id: "new", resume: true });
    expect(resumed).toMatchObject({ status: "succeeded", step: 6 });
    expect(await modelOf("new")).toMatchObject({ gNorm: "batch" });
    const g = (await readCheckpoint(storage, "new", "latest")).state.tensors;
    // mlp D has no batch norm, so these are G's.
    expect(Object.keys(g).filter((k) => /gamma|movingMean/.test(k)).length).toBeGreaterThanOrEqual(2);
  });

  it("a resume that turns G's batch norm off is refused, naming model.gNorm", { timeout: 60_000 }, async () => {
    const r = await runTrainingJob({ storage, id: "new", resume: true, config: { ...BASE, steps: 8, model: { ...MODEL, gNorm: "none" } } });
    expect(r).toMatchObject({ status: "failed", exitCode: 2, error: { code: "bad_config" } });
    expect(r.error!.message).toMatch(/model\.gNorm: checkpoint has "batch", config has undefined/);
  });
});
