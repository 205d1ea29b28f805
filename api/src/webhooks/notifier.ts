import type { Storage } from "@gantry/trainer/storage";
import { isTerminal, readTraining } from "../services/training-store.ts";
import { deliver, type WebhookOptions, type WebhookTarget } from "./webhooks.ts";

export interface NotifierOptions extends WebhookOptions {
  storage: Storage;
  /** How often a watched training's status is read. Default 1000 ms. */
  pollMs?: number;
}

/**
 * Follows trainings that named a webhook and sends `training.start` once it runs and `training.completed` once it
 * ends (each only if the filter asks for it), with the training as `data`. Reads stored status, so it needs nothing
 * from the runner and cannot slow the job down.
 */
export class WebhookNotifier {
  private readonly watched = new Map<string, ReturnType<typeof setInterval>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly o: NotifierOptions) {}

  watch(id: string, target: WebhookTarget): void {
    let started = false;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const t = await readTraining(this.o.storage, id);
        if (!t) return;
        const ended = isTerminal(t.status);
        if (!started && (t.status === "running" || ended)) {
          started = true;
          if (target.events.includes("start"))
            this.send(target.url, "training.start", { ...t, status: t.status === "queued" ? "running" : t.status });
        }
        if (ended) {
          this.stop(id);
          if (target.events.includes("completed")) this.send(target.url, "training.completed", t);
        }
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick().catch(() => undefined), this.o.pollMs ?? 1000);
    timer.unref?.();
    this.watched.set(id, timer);
  }

  private send(url: string, type: string, data: unknown): void {
    const p = deliver(this.o, url, type, data).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private stop(id: string): void {
    clearInterval(this.watched.get(id));
    this.watched.delete(id);
  }

  /** Stops watching; resolves when deliveries in flight have finished (tests, shutdown). */
  async close(): Promise<void> {
    for (const id of [...this.watched.keys()]) this.stop(id);
    await Promise.allSettled([...this.pending]);
  }
}
