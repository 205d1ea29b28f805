import type { Storage } from "@gantry/trainer/storage";
import { listIdsWithFile, trainingKeys } from "@gantry/trainer/storage";
import type { TrainingConfig } from "@gantry/core";
import { TERMINAL_STATES, type Training, type TrainingState } from "../schemas/training.ts";

/** trainings/<id>/status.json and one line of events.jsonl: the job protocol's own types. */
import type { JobEvent, TrainingStatus } from "@gantry/core";
export type StoredStatus = TrainingStatus;
export type StoredEvent = JobEvent;

export const isTerminal = (s: TrainingState): boolean => TERMINAL_STATES.has(s);

/** Writes config.json then a queued status.json; the training exists (is listed) once config.json does. */
export async function createTraining(storage: Storage, id: string, config: TrainingConfig, now = new Date()): Promise<Training> {
  const keys = trainingKeys(id);
  const at = now.toISOString();
  const status: StoredStatus = {
    id,
    status: "queued",
    progress: { step: 0, steps: config.steps, stepsPerSecond: 0, etaSeconds: null },
    latestMetrics: null,
    error: null,
    backend: null,
    createdAt: at,
    startedAt: null,
    finishedAt: null,
    updatedAt: at,
    attempt: 0,
  };
  await storage.putJson(keys.config, config);
  await storage.putJson(keys.status, status);
  return toTraining(status, config);
}

/** The training's status.json, or null when the training does not exist. */
export async function readStatus(storage: Storage, id: string): Promise<StoredStatus | null> {
  return storage.getJson<StoredStatus>(trainingKeys(id).status);
}

/** The full training object, or null when it does not exist. */
export async function readTraining(storage: Storage, id: string): Promise<Training | null> {
  const keys = trainingKeys(id);
  const [config, status] = await Promise.all([storage.getJson<TrainingConfig>(keys.config), readStatus(storage, id)]);
  if (!config || !status) return null;
  return toTraining(status, config);
}

export function toTraining(s: StoredStatus, config: TrainingConfig): Training {
  return {
    id: s.id,
    status: s.status,
    config,
    progress: {
      step: s.progress?.step ?? 0,
      steps: s.progress?.steps ?? config.steps,
      stepsPerSecond: s.progress?.stepsPerSecond ?? 0,
      etaSeconds: s.progress?.etaSeconds ?? null,
    },
    latestMetrics: s.latestMetrics ?? null,
    error: s.error ?? null,
    createdAt: s.createdAt,
    startedAt: s.startedAt ?? null,
    finishedAt: s.finishedAt ?? null,
  };
}

/** Every training id, newest first (ids sort by creation time). */
export async function listTrainingIds(storage: Storage): Promise<string[]> {
  return (await listIdsWithFile(storage, "trainings", "config.json")).sort().reverse();
}

/**
 * One page over `ids` (sorted ascending, or descending when `desc`) of the items after the cursor id `after`
 * (which need not exist any more): loads each id, keeps those `load` returns non-null for, and reports the last
 * id of the page only when another matching item exists (it becomes the next cursor).
 */
export async function paginate<T>(
  ids: readonly string[],
  desc: boolean,
  after: string | null,
  limit: number,
  load: (id: string) => Promise<T | null>,
): Promise<{ data: T[]; last: string | null }> {
  const start = after === null ? 0 : ids.findIndex((id) => (desc ? id < after : id > after));
  const data: T[] = [];
  let lastId: string | null = null;
  for (let i = start; i >= 0 && i < ids.length; i++) {
    const item = await load(ids[i]!);
    if (item === null) continue;
    if (data.length === limit) return { data, last: lastId };
    data.push(item);
    lastId = ids[i]!;
  }
  return { data, last: null };
}

/** Rewrites status.json with `patch` applied (used by the runner for states the job cannot write itself). */
export async function patchStatus(storage: Storage, id: string, patch: Partial<StoredStatus>): Promise<StoredStatus | null> {
  const cur = await readStatus(storage, id);
  if (!cur) return null;
  const next = { ...cur, ...patch, updatedAt: new Date().toISOString() };
  await storage.putJson(trainingKeys(id).status, next);
  return next;
}
