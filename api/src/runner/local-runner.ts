import os from "node:os";
import { type ChildJob, type TaskOutcome, WorkerPool } from "@gantry/trainer/process";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";
import { isTerminal, readStatus } from "../services/training-store.ts";
import { finalizeTraining } from "./finalize.ts";
import { startJob, trainerBin } from "./job-process.ts";
import { PersistentQueue, type QueueEntry } from "./queue.ts";
import { QueueLease } from "./queue-lease.ts";
import { queueRequests, requestCancel } from "./queue-requests.ts";
import { recoverQueue, settleJob } from "./recovery.ts";
import type { Runner, RunnerStats } from "./types.ts";

export interface LocalRunnerOptions {
  storage: Storage;
  /** URL the jobs open: the same data as `storage`, absolute (file:///abs/dir or s3://bucket/prefix). */
  storageUrl: string;
  /** Concurrent jobs; default one per core. */
  workers?: number;
  /** Backend of every job whose config asks for "auto"; default "wasm". */
  backend?: string;
  /** SIGTERM → SIGKILL grace period; default 10 s. */
  killGraceMs?: number;
  /** Starts per training (resumes after interruptions included) before it is failed; default 5. */
  maxAttempts?: number;
  bin?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The queue's lease (one owning instance per storage); see QueueLease for the defaults. */
  lease?: { ttlMs?: number; settleMs?: number };
}

/**
 * Runs each training as a child process (`node gantry-train.mjs …`) in a pool of `workers`. The queue lives in
 * storage (queue/<id>.json) so a restarted API resumes queued, interrupted and orphaned trainings; a job is
 * resumed from its last checkpoint whenever one exists. Only the instance holding the queue's lease runs jobs; another
 * on the same storage persists what it is asked and leaves the running to the owner (see queue-lease.ts).
 */
export class LocalRunner implements Runner {
  private readonly queue: PersistentQueue;
  private readonly pool: WorkerPool;
  private readonly jobs = new Map<string, ChildJob>();
  private readonly canceling = new Set<string>();
  private readonly bin: string;
  private lease: QueueLease | null = null;
  private started = false;
  private stopping = false;

  constructor(private readonly o: LocalRunnerOptions) {
    this.queue = new PersistentQueue(o.storage);
    this.bin = o.bin ?? trainerBin();
    this.pool = new WorkerPool({
      workers: o.workers ?? os.availableParallelism(),
      run: (id) => this.run(id),
      onError: (id, err) => o.logger?.error("runner failed to run training", { trainingId: id, error: String(err) }),
    });
  }

  /** Each of `workers` jobs gets its share of the cores for its wasm thread pool (unless the env names a count). */
  private childEnv(): NodeJS.ProcessEnv {
    const env = this.o.env ?? process.env;
    return { ...env, GANTRY_WASM_THREADS: this.pool.threadsPerChild(env) };
  }

  private get grace(): number {
    return this.o.killGraceMs ?? 10_000;
  }

  stats(): RunnerStats {
    const p = this.pool;
    return {
      kind: "local",
      workers: p.workers,
      running: p.running,
      queued: p.queued,
      finished: p.finished,
      queueOwner: this.lease?.isOwner ?? false,
    };
  }

  /** Without the lease the entry waits in storage: the owning instance picks it up on its next beat. */
  async submit(id: string): Promise<void> {
    await this.queue.put({ id, submittedAt: new Date().toISOString(), attempts: 0, pid: null });
    if (this.lease?.isOwner) this.pool.enqueue(id);
  }

  /** A fresh attempt budget; resumes from the training's checkpoint (run() passes --resume when one exists). */
  resume(id: string): Promise<void> {
    return this.submit(id);
  }

  async cancel(id: string): Promise<boolean> {
    if (!this.lease?.isOwner) return requestCancel(this.o.storage, this.queue, id, this.lease?.ttlMs ?? 30_000);
    this.pool.dequeue(id);
    const task = this.pool.task(id);
    if (task) {
      this.canceling.add(id);
      void this.jobs.get(id)?.terminate(this.grace);
      await task;
    } else {
      const st = await readStatus(this.o.storage, id);
      if (!st || isTerminal(st.status)) {
        await this.queue.remove(id); // a cancel request for a training that ended meanwhile
        return false;
      }
      await finalizeTraining(this.o.storage, id, "canceled", null);
      await this.queue.remove(id);
    }
    return (await readStatus(this.o.storage, id))?.status === "canceled";
  }

  /** Takes the queue's lease and recovers the queue, or (lease held elsewhere) keeps waiting for it in the background. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.pool.stop(); // nothing runs until the lease is ours
    this.lease = new QueueLease(
      { storage: this.o.storage, ...this.o.lease, ...(this.o.logger ? { logger: this.o.logger } : {}) },
      { acquired: () => this.recover(), lost: () => this.standDown(), tick: () => this.adopt() },
    );
    await this.lease.start();
  }

  /** Interrupts the jobs (they checkpoint and stay queued), then gives the lease up for the next instance. */
  async stop(): Promise<void> {
    this.started = false;
    await this.lease?.stop();
    await this.standDown();
    await this.lease?.release();
    this.lease = null;
  }

  private async recover(): Promise<void> {
    this.stopping = false;
    this.pool.restart();
    const ids = await recoverQueue(this.o.storage, this.queue, { bin: this.bin, graceMs: this.grace, logger: this.o.logger });
    for (const id of ids) this.pool.enqueue(id);
  }

  private async standDown(): Promise<void> {
    this.stopping = true;
    const ended = this.pool.stop();
    for (const job of this.jobs.values()) void job.terminate(this.grace);
    await ended;
  }

  /** Each beat as owner: entries other instances wrote (submissions, resumes, cancel requests). */
  private async adopt(): Promise<void> {
    const orphans = { bin: this.bin, graceMs: this.grace };
    const todo = await queueRequests(this.o.storage, this.queue, (id) => this.pool.isRunning(id), orphans);
    for (const id of todo.run) this.pool.enqueue(id);
    // Not awaited: a running job takes up to the grace period to stop, and the beat must go on renewing the lease.
    for (const id of todo.cancel) void this.cancel(id);
  }

  private async run(id: string): Promise<TaskOutcome> {
    const { storage } = this.o;
    const keys = trainingKeys(id);
    const entry: QueueEntry = (await this.queue.get(id)) ?? { id, submittedAt: new Date().toISOString(), attempts: 0, pid: null };
    // The job reads and parses the stored config itself; here only its presence matters.
    const stored = (await storage.head(keys.config)) !== null;
    if (this.canceling.has(id) || !stored) {
      this.canceling.delete(id);
      if (stored) await finalizeTraining(storage, id, "canceled", null);
      await this.queue.remove(id);
      return "done";
    }
    try {
      const resume = (await storage.head(keys.latest)) !== null;
      const job = startJob({
        bin: this.bin,
        storageUrl: this.o.storageUrl,
        id,
        resume,
        backend: this.o.backend ?? "wasm",
        cwd: this.o.cwd ?? process.cwd(),
        env: this.childEnv(),
      });
      this.jobs.set(id, job);
      if (this.canceling.has(id) || this.stopping) void job.terminate(this.grace);
      await this.queue.put({ ...entry, attempts: entry.attempts + 1, pid: job.pid });
      this.o.logger?.info("training job started", { trainingId: id, pid: job.pid, resume, attempt: entry.attempts + 1 });
      const exit = await job.exited;
      const outcome = await settleJob(
        { storage, queue: this.queue, logger: this.o.logger, maxAttempts: this.o.maxAttempts ?? 5 },
        { ...entry, attempts: entry.attempts + 1, pid: null },
        exit,
        { canceled: this.canceling.delete(id), stopping: this.stopping },
      );
      return outcome === "rerun" ? "again" : "done";
    } finally {
      this.jobs.delete(id);
      this.canceling.delete(id);
    }
  }
}
