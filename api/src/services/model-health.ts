import type { Storage } from "@gantry/trainer/storage";
import { type Problem, conflict } from "../http/problem.ts";
import { readStatus, type StoredStatus } from "./training-store.ts";

/**
 * A training that diverged (NaN/Inf in its losses or weights: status failed, error code "diverged") publishes no
 * model: it is not listed, and sampling, interpolation and the critic field answer 409 `model-diverged`. Not even the
 * checkpoints from before the NaN are served: weights blow up while still finite before they overflow (a diverged
 * 2-D run sampled at −16 885 on data within ±1.5 from such a checkpoint), and no dataset-independent test says
 * which earlier step was still sound. The checkpoints stay in storage, and the training's status and metrics stay
 * readable under /v1/trainings, for anyone who wants to look.
 */
export function isDiverged(st: Pick<StoredStatus, "status" | "error"> | null): boolean {
  return st?.status === "failed" && st.error?.code === "diverged";
}

export function divergedDetail(id: string, st: StoredStatus): string {
  return `training ${id} diverged (${st.error?.message ?? "NaN/Inf"}), so it publishes no model; its status and metrics are at /v1/trainings/${id}`;
}

/** 409 model-diverged when `id`'s training diverged; `st` when already read. */
export function divergedProblem(id: string, st: StoredStatus | null): Problem | null {
  return st && isDiverged(st) ? conflict("model-diverged", divergedDetail(id, st)) : null;
}

/** Throws 409 model-diverged for a diverged training (a missing one is left to the caller's 404). */
export async function assertNotDiverged(storage: Storage, id: string): Promise<void> {
  const p = divergedProblem(id, await readStatus(storage, id));
  if (p) throw p;
}
