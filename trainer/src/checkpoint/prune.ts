import { checkpointStep, type Storage } from "../storage/index.ts";
import type { CheckpointPointer } from "./format.ts";
import { runKeys, type RunRef } from "./keys.ts";

export interface CheckpointDir {
  step: number;
  /** Whether manifest.json exists (a directory without one is an unfinished write). */
  hasManifest: boolean;
}

/** Every checkpoint directory of a run, ascending by step. */
export async function listCheckpointDirs(storage: Storage, run: RunRef): Promise<CheckpointDir[]> {
  const keys = runKeys(run);
  const dirs = new Map<number, CheckpointDir>();
  for await (const obj of storage.list(keys.checkpoints)) {
    const step = checkpointStep(obj.key);
    if (step === null) continue;
    const dir = dirs.get(step) ?? { step, hasManifest: false };
    if (obj.key === `${keys.checkpoint(step)}manifest.json`) dir.hasManifest = true;
    dirs.set(step, dir);
  }
  return [...dirs.values()].sort((a, b) => a.step - b.step);
}

/**
 * Deletes every checkpoint except the `keepLast` newest complete ones at or before latest.json, the latest and
 * the best. Directories newer than latest.json are unpublished leftovers of a crash and are removed too. Without
 * a latest.json nothing is deleted (there is nothing known-good to protect). Returns the removed steps.
 */
export async function pruneCheckpoints(storage: Storage, run: RunRef, keepLast: number): Promise<number[]> {
  const keys = runKeys(run);
  const latest = await storage.getJson<CheckpointPointer>(keys.latest);
  if (!latest) return [];
  const best = await storage.getJson<CheckpointPointer>(keys.best);
  const dirs = await listCheckpointDirs(storage, run);
  const keep = new Set<number>([latest.step]);
  if (best) keep.add(best.step);
  const complete = dirs.filter((d) => d.hasManifest && d.step <= latest.step).map((d) => d.step);
  for (const step of complete.slice(-Math.max(1, keepLast))) keep.add(step);
  const removed: number[] = [];
  for (const d of dirs) {
    if (keep.has(d.step)) continue;
    await storage.deletePrefix(keys.checkpoint(d.step));
    removed.push(d.step);
  }
  return removed;
}
