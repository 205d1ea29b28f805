import { stopOrphan } from "@gantry/trainer/process";
import type { Storage } from "@gantry/trainer/storage";
import { isTerminal, readStatus } from "../services/training-store.ts";
import { finalizeTraining } from "./finalize.ts";
import type { PersistentQueue } from "./queue.ts";

/**
 * What the queue's owner must act on at a beat: entries it does not run yet (submitted or resumed through another
 * instance) and cancel requests. Entries of ended or deleted trainings are dropped; a live process an entry names
 * (left by a previous owner) is stopped first, so one training never has two writers.
 */
export async function queueRequests(
  storage: Storage,
  queue: PersistentQueue,
  isRunning: (id: string) => boolean,
  orphans: { bin: string; graceMs: number },
): Promise<{ run: string[]; cancel: string[] }> {
  const run: string[] = [];
  const cancel: string[] = [];
  for (const e of await queue.all()) {
    if (e.cancel) {
      cancel.push(e.id);
      continue;
    }
    if (isRunning(e.id)) continue;
    const st = await readStatus(storage, e.id);
    if (!st || isTerminal(st.status)) {
      await queue.remove(e.id);
      continue;
    }
    if (e.pid !== null) await stopOrphan(e.pid, orphans.bin, orphans.graceMs);
    run.push(e.id);
  }
  return { run, cancel };
}

const POLL_MS = 200;

/**
 * Cancel from an instance that does not own the queue: it cannot signal the owner's job, so it marks the queue entry
 * and waits (up to `waitMs`) for the owner to cancel it. A training with no entry is run by no one here and is
 * canceled at once. Resolves true once canceled, false when it ended otherwise or the owner did not act in time.
 */
export async function requestCancel(storage: Storage, queue: PersistentQueue, id: string, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const st = await readStatus(storage, id);
    if (!st) return false;
    if (isTerminal(st.status)) return st.status === "canceled";
    const e = await queue.get(id);
    if (!e) {
      await finalizeTraining(storage, id, "canceled", null);
      return true;
    }
    // Re-marked each poll: the owner rewrites the entry when a job starts or ends, which may drop the mark.
    if (!e.cancel) await queue.put({ ...e, cancel: true });
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
