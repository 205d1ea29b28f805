import type { Storage } from "@gantry/trainer/storage";
import { conflict, type Problem } from "../http/problem.ts";
import { appendEvent } from "../runner/finalize.ts";
import { verifiedCheckpoint } from "../runner/checkpoint-check.ts";
import type { Training } from "../schemas/training.ts";
import { patchStatus } from "./training-store.ts";

/** Failure codes a rerun cannot fix: the same config, data or numbers would fail the same way. */
const FINAL_FAILURES = new Set(["diverged", "bad_config", "bad_data"]);

/**
 * Why `t` cannot be resumed (a 409 naming the reason), or null when it can: a canceled training, or a failed one
 * whose failure a rerun may get past (a crash, storage, repeated interruptions), provided its latest checkpoint
 * verifies. One with no checkpoint yet starts again from step 0.
 */
export async function resumeProblem(storage: Storage, t: Training): Promise<Problem | null> {
  const what = `training ${t.id}`;
  if (t.status === "succeeded") return conflict("already-succeeded", `${what} already succeeded; there is nothing to resume`);
  if (t.status !== "canceled" && t.status !== "failed") {
    return conflict("not-ended", `${what} is ${t.status}, not ended; only a canceled or failed training can be resumed`);
  }
  if (t.status === "failed" && t.error && FINAL_FAILURES.has(t.error.code)) {
    return conflict("final-failure", `${what} failed with ${t.error.code} (${t.error.message}); a rerun would fail the same way`);
  }
  const ckpt = await verifiedCheckpoint(storage, t.id);
  if ("problem" in ckpt && ckpt.problem === "corrupt") {
    return conflict("checkpoint-corrupt", `${what} cannot be resumed: its latest checkpoint does not verify (${ckpt.message})`);
  }
  return null;
}

/** Puts an ended training back to "queued" (status.json, then a status event so streams and dashboards see it). */
export async function reopenTraining(storage: Storage, id: string): Promise<void> {
  await patchStatus(storage, id, { status: "queued", error: null, finishedAt: null });
  await appendEvent(storage, id, "status", { status: "queued", error: null });
}
