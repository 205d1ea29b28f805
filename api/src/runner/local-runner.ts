import os from "node:os";
import { type ChildJob, type TaskOutcome, WorkerPool } from "@gantry/trainer/process";
import { trainingKeys, type Storage } from "@gantry/trainer/storage";
import type { Logger } from "../http/logger.ts";
import { isTerminal, readStatus } from "../services/training-store.ts";
import { finalizeTraining } from "./finalize.ts";
import { startJob, trainerBin } from "./job-process.ts";
import { PersistentQueue, type QueueEntry } from "./queue.ts";
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
}

/**
 * Runs each training as a child process (`node gantry-train.mjs …`) in a pool of `workers`. The queue lives in
 * storage (queue/<id>.json) so a restarted API resumes queued, interrupted and orphaned trainings; a job is
 * resumed from its last checkpoint whenever one exists.
 */
export class LocalRunner implements Runner {
  private readonly queue: PersistentQueue;
  private readonly pool: WorkerPool;
  private readonly jobs = new Map<string, ChildJob>();
  private readonly canceling = new Set<string>();
  private readonly bin: string;
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
    return { kind: "local", workers: p.workers, running: p.running, queued: p.queued, finished: p.finished };
  }

  async submit(id: string): Promise<void> {
    await this.queue.put({ id, submittedAt: new Date().toISOString(), attempts: 0, pid: null });
    if (this.started) this.pool.enqueue(id);
  }

  async cancel(id: string): Promise<boolean> {
    this.pool.dequeue(id);
    const task = this.pool.task(id);
    if (task) {
      this.canceling.add(id);
      void this.jobs.get(id)?.terminate(this.grace);
      await task;
    } else {
      const st = await readStatus(this.o.storage, id);
      if (!st || isTerminal(st.status)) return false;
      await finalizeTraining(this.o.storage, id, "canceled", null);
      await this.queue.remove(id);
    }
    return (await readStatus(this.o.storage, id))?.status === "canceled";
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.pool.restart();
    const ids = await recoverQueue(this.o.storage, this.queue, {
      bin: this.bin,
      graceMs: this.grace,
      logger: this.o.logger,
    });
    for (const id of ids) this.pool.enqueue(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    const ended = this.pool.stop();
    for (const job of this.jobs.values()) void job.terminate(this.grace);
    await ended;
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
