import type { TrainingConfig } from "@gantry/core";
import { checkpointStep, trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { Model } from "../schemas/model.ts";
import { isDiverged } from "./model-health.ts";
import { readStatus } from "./training-store.ts";

/** The manifest fields a model version shows (see the trainer's checkpoint format). */
interface ManifestFields {
  step: number;
  createdAt: string;
  metrics: { step: number; values: Record<string, number> } | null;
}

interface Pointer {
  step: number;
}

export type ModelSummaryView = Omit<Model, "config" | "versions" | "best">;

/** Ids of trainings that have published a checkpoint (have latest.json), newest first. */
export async function listModelIds(storage: Storage): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of storage.list("trainings/")) {
    const m = /^trainings\/([^/]+)\/latest\.json$/.exec(o.key);
    if (m?.[1]) ids.push(m[1]);
  }
  return ids.sort().reverse();
}

/** A model's summary, or null when the training does not exist, has no checkpoint yet or diverged (model-health.ts). */
export async function readModelSummary(storage: Storage, id: string): Promise<(ModelSummaryView & { config: TrainingConfig }) | null> {
  const keys = trainingKeys(id);
  const [config, status, latest] = await Promise.all([
    storage.getJson<TrainingConfig>(keys.config),
    readStatus(storage, id),
    storage.getJson<Pointer>(keys.latest),
  ]);
  if (!config || !status || !latest || isDiverged(status)) return null;
  return {
    id,
    loss: config.loss.name,
    dataset: config.data.name,
    trainingStatus: status.status,
    latestStep: latest.step,
    createdAt: status.createdAt,
    config,
  };
}

/** The full model: every kept checkpoint as a version, and the best one. */
export async function readModel(storage: Storage, id: string): Promise<Model | null> {
  const summary = await readModelSummary(storage, id);
  if (!summary) return null;
  const keys = trainingKeys(id);
  const steps: number[] = [];
  for await (const o of storage.list(keys.checkpoints)) {
    const step = checkpointStep(o.key);
    if (step !== null && o.key.endsWith("/manifest.json")) steps.push(step);
  }
  const versions: Model["versions"] = [];
  for (const step of steps.sort((a, b) => a - b)) {
    // Pruning may remove a checkpoint between listing and reading it; it is simply not a version any more.
    const m = await storage.getJson<ManifestFields>(`${keys.checkpoint(step)}manifest.json`).catch(() => null);
    if (m) versions.push({ step, metrics: m.metrics?.values ?? null, createdAt: m.createdAt });
  }
  const bestPtr = await storage.getJson<Pointer>(keys.best);
  const best = bestPtr ? (versions.find((v) => v.step === bestPtr.step) ?? null) : null;
  return { ...summary, versions, best };
}
