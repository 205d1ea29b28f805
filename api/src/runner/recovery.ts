import type { Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";
import { isTerminal, listTrainingIds, patchStatus, readStatus } from "../services/training-store.ts";
import { appendEvent, finalizeTraining } from "./finalize.ts";
import { verifiedCheckpoint } from "./checkpoint-check.ts";
import { describeExit, stopOrphan, tailLines, type ChildExit } from "@gantry/trainer/process";
import type { PersistentQueue, QueueEntry } from "./queue.ts";

/**
 * What a starting runner owes work to, oldest first: every queue entry whose training has not ended (a live
 * orphan job left by a crashed API is stopped first, so one training never has two writers), plus trainings that
 * were created but never queued. Running trainings without an entry belong to someone else (e.g. the CLI) and are
 * left alone. Entries of ended or deleted trainings are dropped.
 */
export async function recoverQueue(
  storage: Storage,
  queue: PersistentQueue,
  o: { bin: string; graceMs: number; logger?: Logger },
): Promise<string[]> {
  const out: string[] = [];
  const entries = await queue.all((key, err) => o.logger?.warn("unreadable queue entry", { key, error: String(err) }));
  const known = new Set(entries.map((e) => e.id));
  for (const e of entries) {
    const st = await readStatus(storage, e.id);
    if (!st || isTerminal(st.status)) {
      await queue.remove(e.id);
      continue;
    }
    if (e.pid !== null) await stopOrphan(e.pid, o.bin, o.graceMs);
    o.logger?.info("runner resumes training", { trainingId: e.id, state: st.status });
    out.push(e.id);
  }
  for (const id of (await listTrainingIds(storage)).reverse()) {
    if (known.has(id)) continue;
    const st = await readStatus(storage, id);
    if (st?.status !== "queued" || st.attempt > 0) continue;
    await queue.put({ id, submittedAt: st.createdAt, attempts: 0, pid: null });
    out.push(id);
  }
  return out;
}

export interface SettleContext {
  storage: Storage;
  queue: PersistentQueue;
  logger?: Logger;
  maxAttempts: number;
}

/**
 * Records the outcome of one job process. Canceled → canceled; stopped with the runner → stays queued (resumed on
 * the next start); exit 3 → run again (bounded by maxAttempts); otherwise the job's own terminal status stands. A
 * job that died without writing one is run again from its verified checkpoint (same bound), or, with none, marked
 * failed with the tail of its output.
 */
export async function settleJob(
  ctx: SettleContext,
  entry: QueueEntry,
  exit: ChildExit,
  flags: { canceled: boolean; stopping: boolean },
): Promise<"done" | "rerun" | "kept"> {
  const { storage, queue } = ctx;
  const id = entry.id;
  ctx.logger?.info("training job exited", { trainingId: id, code: exit.code, signal: exit.signal });
  if (flags.canceled) {
    await finalizeTraining(storage, id, "canceled", null);
    await queue.remove(id);
    return "done";
  }
  if (flags.stopping) {
    await queue.put(entry);
    return "kept";
  }
  if (exit.code === 3) {
    if (entry.attempts < ctx.maxAttempts) {
      await queue.put(entry);
      return "rerun";
    }
    await finalizeTraining(storage, id, "failed", { code: "interrupted", message: `interrupted ${entry.attempts} times; giving up` });
    await queue.remove(id);
    return "done";
  }
  const st = await readStatus(storage, id);
  if (!st || !isTerminal(st.status)) {
    const message = `training job exited with ${describeExit(exit)}: ${tailLines(exit)}`;
    // Died without writing its outcome (a signal: kill -9, the OOM killer; or a crash): with a verified checkpoint
    // it is run again from there, within the same attempt budget as interruptions.
    if (st && exit.code !== 0 && exit.code !== 2 && entry.attempts < ctx.maxAttempts) {
      const ckpt = await verifiedCheckpoint(storage, id);
      if ("step" in ckpt) {
        await requeueDied(ctx, entry, ckpt.step, describeExit(exit));
        return "rerun";
      }
    }
    const error = exit.code === 0 ? null : { code: exit.code === 2 ? "bad_config" : "internal", message };
    await finalizeTraining(storage, id, exit.code === 0 ? "succeeded" : "failed", error);
  }
  await queue.remove(id);
  return "done";
}

/** Marks a training whose job died "interrupted" (it was not running any more) and keeps its queue entry. */
async function requeueDied(ctx: SettleContext, entry: QueueEntry, step: number, how: string): Promise<void> {
  const message = `training job died (${how}) without writing its outcome; resuming from checkpoint step ${step} (attempt ${entry.attempts + 1} of ${ctx.maxAttempts})`;
  ctx.logger?.warn("training job died; resuming from its checkpoint", { trainingId: entry.id, step, how });
  await patchStatus(ctx.storage, entry.id, { status: "interrupted" });
  await appendEvent(ctx.storage, entry.id, "status", { status: "interrupted", error: null });
  await appendEvent(ctx.storage, entry.id, "log", { level: "warn", message, step });
  await ctx.queue.put(entry);
}
