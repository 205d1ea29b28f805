import type { Storage } from "@gantry/trainer/storage";
import { invalid } from "../http/problem.ts";
import { isTerminal, readTraining } from "../services/training-store.ts";
import { deliver, webhookTarget, type WebhookOptions, type WebhookSubjectKind, type WebhookTarget } from "./webhooks.ts";

export interface NotifierOptions extends WebhookOptions {
  /** How often a watched training's or study's status is read. Default 1000 ms. */
  pollMs?: number;
}

/** Something a webhook follows: a training or a study, read from storage by its own store. */
export interface WebhookSubject {
  kind: WebhookSubjectKind;
  id: string;
  /** The current resource as the API shows it (the delivery's `data`), or null while it cannot be read. */
  read(): Promise<{ status: string } | null>;
  /** Whether `status` is final (the resource never changes again). */
  ended(status: string): boolean;
}

/** A training as a webhook subject (interrupted trainings are resumed, so they have not ended). */
export const trainingSubject = (storage: Storage, id: string): WebhookSubject => ({
  kind: "training",
  id,
  read: () => readTraining(storage, id),
  ended: (s) => isTerminal(s as Parameters<typeof isTerminal>[0]),
});

/**
 * Follows trainings and studies that named a webhook and sends `<kind>.start` once one runs and `<kind>.completed`
 * once it ends (each only if the filter asks for it), with the resource as `data`. Reads stored status, so it needs
 * nothing from the runner or the study engine and cannot slow them down.
 */
export class WebhookNotifier {
  private readonly watched = new Map<string, ReturnType<typeof setInterval>>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly o: NotifierOptions) {}

  watch(subject: WebhookSubject, target: WebhookTarget): void {
    const key = `${subject.kind}/${subject.id}`;
    let started = false;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await subject.read();
        if (!r) return;
        const ended = subject.ended(r.status);
        if (!started && r.status !== "queued") {
          started = true;
          // A job that ended before the first poll still gets its start, showing where it already is.
          if (target.events.includes("start")) this.send(target.url, `${subject.kind}.start`, r);
        }
        if (ended) {
          this.stop(key);
          if (target.events.includes("completed")) this.send(target.url, `${subject.kind}.completed`, r);
        }
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void tick().catch(() => undefined), this.o.pollMs ?? 1000);
    timer.unref?.();
    this.watched.set(key, timer);
  }

  private send(url: string, type: string, data: unknown): void {
    const p = deliver(this.o, url, type, data).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private stop(key: string): void {
    clearInterval(this.watched.get(key));
    this.watched.delete(key);
  }

  /** Stops watching; resolves when deliveries in flight have finished (tests, shutdown). */
  async close(): Promise<void> {
    for (const key of [...this.watched.keys()]) this.stop(key);
    await Promise.allSettled([...this.pending]);
  }
}

/**
 * The target a request's webhook fields name (null: none), checked before anything is created: naming one on a
 * deployment without GANTRY_WEBHOOK_SECRET is a 422 at `body.webhook`.
 */
export function checkWebhook(notifier: WebhookNotifier | undefined, fields: Parameters<typeof webhookTarget>[0]): WebhookTarget | null {
  const target = webhookTarget(fields);
  if (target && !notifier) {
    throw invalid(422, [{ path: "body.webhook", message: "this deployment sends no webhooks (GANTRY_WEBHOOK_SECRET is not set)" }]);
  }
  return target;
}
