import type { Storage } from "@gantry/trainer/storage";

/** queue/<id>.json: a training the runner still owes an outcome to. */
export interface QueueEntry {
  id: string;
  submittedAt: string;
  /** Times the job was started (a restart after an interruption is another attempt). */
  attempts: number;
  /** Process id of the running job, so a restarted API can stop an orphan before resuming it. */
  pid: number | null;
  /** Set by an instance that does not own the queue: the owner cancels the training on its next beat. */
  cancel?: boolean;
}

export const QUEUE_PREFIX = "queue/";
const entryKey = (id: string): string => `${QUEUE_PREFIX}${id}.json`;

/** The persistent queue; one small object per training so concurrent updates never conflict. */
export class PersistentQueue {
  constructor(private readonly storage: Storage) {}

  async put(entry: QueueEntry): Promise<void> {
    await this.storage.putJson(entryKey(entry.id), entry);
  }

  async get(id: string): Promise<QueueEntry | null> {
    return this.storage.getJson<QueueEntry>(entryKey(id));
  }

  async remove(id: string): Promise<void> {
    await this.storage.delete(entryKey(id));
  }

  /** Every entry, oldest submission first. Unreadable entries are skipped (and reported via `onBad`). */
  async all(onBad: (key: string, err: unknown) => void = () => {}): Promise<QueueEntry[]> {
    const out: QueueEntry[] = [];
    for await (const o of this.storage.list(QUEUE_PREFIX)) {
      if (!o.key.endsWith(".json")) continue;
      try {
        const e = await this.storage.getJson<QueueEntry>(o.key);
        if (e && typeof e.id === "string") out.push(e);
      } catch (err) {
        onBad(o.key, err);
      }
    }
    return out.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
  }
}
