import { wasmThreadsPerWorker } from "../backend/threads-env.ts";

/** What a task reports when it ends: "again" puts its id back at the end of the queue. */
export type TaskOutcome = "done" | "again";

export interface WorkerPoolOptions {
  workers: number;
  /** Runs one task to its end; a rejection counts as "done" and is passed to `onError`. */
  run: (id: string) => Promise<TaskOutcome>;
  onError?: (id: string, err: unknown) => void;
}

/**
 * Runs queued ids at most `workers` at a time, first in first out; an id is never queued or running twice. The
 * scheduling half of the API's local runner and of a study: both start one child process per task.
 */
export class WorkerPool {
  private readonly pending: string[] = [];
  private readonly tasks = new Map<string, Promise<void>>();
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  /** Tasks that ended (any outcome). */
  finished = 0;

  constructor(private readonly o: WorkerPoolOptions) {}

  get workers(): number {
    return Math.max(1, this.o.workers);
  }

  get running(): number {
    return this.tasks.size;
  }

  get queued(): number {
    return this.pending.length;
  }

  isRunning(id: string): boolean {
    return this.tasks.has(id);
  }

  /** The task of a running id, resolving when it has ended. */
  task(id: string): Promise<void> | undefined {
    return this.tasks.get(id);
  }

  /** GANTRY_WASM_THREADS for each child: an even share of the cores unless `env` names a count. */
  threadsPerChild(env: NodeJS.ProcessEnv = process.env): string {
    return wasmThreadsPerWorker(this.workers, env);
  }

  enqueue(id: string): void {
    if (this.stopped || this.pending.includes(id) || this.tasks.has(id)) return;
    this.pending.push(id);
    this.pump();
  }

  /** Removes a queued (not running) id; true when it was queued. */
  dequeue(id: string): boolean {
    const i = this.pending.indexOf(id);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /** Resolves when nothing is queued or running (at once when idle). */
  idle(): Promise<void> {
    if (this.tasks.size === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the queue and starts nothing more; resolves when the running tasks have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.length = 0;
    await Promise.all(this.tasks.values());
  }

  /** Accepts work again after `stop()`. */
  restart(): void {
    this.stopped = false;
  }

  private pump(): void {
    while (!this.stopped && this.tasks.size < this.workers && this.pending.length > 0) {
      const id = this.pending.shift()!;
      const task = this.o
        .run(id)
        .catch((err: unknown): TaskOutcome => {
          this.o.onError?.(id, err);
          return "done";
        })
        .then((outcome) => {
          this.tasks.delete(id);
          this.finished++;
          if (outcome === "again" && !this.stopped) this.pending.push(id);
          this.pump();
          if (this.tasks.size === 0 && (this.pending.length === 0 || this.stopped)) {
            for (const w of this.idleWaiters.splice(0)) w();
          }
        });
      this.tasks.set(id, task);
    }
  }
}
