import type { Storage } from "../storage/index.ts";
import {
  FORMAT_VERSION,
  type BestMetric,
  type CheckpointManifest,
  type CheckpointMetrics,
  type CheckpointPointer,
  type CheckpointReason,
  type CheckpointState,
  type DatasetSummary,
} from "./format.ts";
import { runKeys, runLabel, type RunRef } from "./keys.ts";
import { pruneCheckpoints } from "./prune.ts";
import { encodeWeights, sha256 } from "./weights.ts";

export interface CheckpointMeta {
  /** The full resolved config (stored so generators can be rebuilt without the dataset). */
  config: Record<string, unknown>;
  /** Shape facts of the dataset (stored so inference never needs the data). */
  dataset: DatasetSummary;
  backend: string;
  /** Seed of every random stream; the rng state is (seed, step). */
  seed: number;
  reason?: CheckpointReason;
  /** Latest evaluation; it can elect this checkpoint "best" only when computed at the checkpoint's step. */
  metrics?: CheckpointMetrics | null;
  /** Checkpoints kept besides the best one (default 3). */
  keepLast?: number;
  /** Metric that selects best.json; none = no best pointer. */
  best?: BestMetric | null;
}

export interface WrittenCheckpoint {
  step: number;
  /** Manifest key relative to the storage root. */
  manifestKey: string;
  manifest: CheckpointManifest;
  /** Whether this checkpoint became best.json. */
  isBest: boolean;
  /** Checkpoint steps removed by pruning. */
  pruned: number[];
}

function isBetter(value: number, current: number | undefined, direction: "min" | "max"): boolean {
  if (current === undefined || !Number.isFinite(current)) return true;
  return direction === "min" ? value < current : value > current;
}

/**
 * Writes a checkpoint and publishes it atomically: weight files, then manifest.json, then latest.json (carrying
 * the manifest's sha256), then best.json when this checkpoint improves the tracked metric; finally prunes old
 * checkpoints (never the latest or the best). A crash at any point leaves latest.json on a complete checkpoint.
 */
export async function writeCheckpoint(storage: Storage, run: RunRef, state: CheckpointState, meta: CheckpointMeta): Promise<WrittenCheckpoint> {
  const keys = runKeys(run);
  const step = state.step;
  const dir = keys.checkpoint(step);
  const { groups, files } = encodeWeights(state.tensors);
  const entries = [];
  for (const [path, bytes] of files) {
    await storage.put(dir + path, bytes, { contentType: "application/octet-stream" });
    entries.push({ path, bytes: bytes.byteLength, sha256: sha256(bytes) });
  }
  const manifest: CheckpointManifest = {
    formatVersion: FORMAT_VERSION,
    trainingId: runLabel(run),
    step,
    createdAt: new Date().toISOString(),
    reason: meta.reason ?? "periodic",
    config: meta.config,
    dataset: meta.dataset,
    backend: meta.backend,
    rng: { seed: meta.seed, step },
    metrics: meta.metrics ?? null,
    weightsManifest: groups,
    files: entries,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestKey = `${dir}manifest.json`;
  await storage.put(manifestKey, manifestText, { contentType: "application/json" });
  const pointer: CheckpointPointer = {
    formatVersion: FORMAT_VERSION,
    step,
    manifest: manifestKey.slice(keys.prefix.length),
    manifestSha256: sha256(manifestText),
    updatedAt: manifest.createdAt,
  };
  await storage.putJson(keys.latest, pointer);

  let isBest = false;
  const best = meta.best;
  const value = best && manifest.metrics?.step === step ? manifest.metrics.values[best.name] : undefined;
  if (best && value !== undefined && Number.isFinite(value)) {
    const current = await storage.getJson<CheckpointPointer>(keys.best);
    // A best pointer from another metric (config changed on resume) is replaced rather than compared.
    const comparable = current?.metric?.name === best.name && current.metric.direction === best.direction;
    if (isBetter(value, comparable ? current?.metric?.value : undefined, best.direction)) {
      await storage.putJson(keys.best, { ...pointer, metric: { name: best.name, direction: best.direction, value } });
      isBest = true;
    }
  }
  const pruned = await pruneCheckpoints(storage, run, meta.keepLast ?? 3);
  return { step, manifestKey, manifest, isBest, pruned };
}
