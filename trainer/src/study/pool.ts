import type { TrainingStatus } from "@gantry/core";
import { type TaskOutcome, WorkerPool, tailLines } from "../process/index.ts";
import { studyKeys, type Storage } from "../storage/index.ts";
import type { RunHandle, SpawnRun } from "./spawn.ts";
import { countProgress, isFinal, type StudyDocument, type StudyRunRecord } from "./state.ts";

export interface PoolOptions {
  storage: Storage;
  storageUrl: string;
  doc: StudyDocument;
  spawnRun: SpawnRun;
  workers: number;
  maxAttempts: number;
  pollMs: number;
  graceMs: number;
  backend?: string;
  signal?: AbortSignal;
  onProgress?: (doc: StudyDocument) => void;
}

/**
 * Runs the study's unfinished runs, `workers` child processes at a time, keeping study.json current: each
 * running run's status.json is polled for its step, and every start / end is written at once. The only writer of
 * study.json while it runs.
 */
export class StudyPool {
  spawned = 0;
  private readonly active = new Map<string, RunHandle>();
  private saving: Promise<void> = Promise.resolve();
  private readonly t0 = Date.now();
  private work0 = -1;
  private readonly activeBefore: number;

  constructor(private readonly o: PoolOptions) {
    this.activeBefore = o.doc.activeSeconds ?? 0;
  }

  /** Writes study.json (serialised: writes never overlap) and reports progress. */
  save(): Promise<void> {
    const { doc } = this.o;
    countProgress(doc);
    this.eta();
    doc.updatedAt = new Date().toISOString();
    doc.activeSeconds = this.activeBefore + (Date.now() - this.t0) / 1000;
    const snapshot = JSON.parse(JSON.stringify(doc)) as StudyDocument;
    this.o.onProgress?.(snapshot);
    this.saving = this.saving.then(() => this.o.storage.putJson(studyKeys(doc.id).study, snapshot));
    return this.saving;
  }

  /** ETA from this invocation's weighted throughput (work done before it started does not count). */
  private eta(): void {
    const p = this.o.doc.progress;
    if (this.work0 < 0) this.work0 = p.fraction;
    const elapsed = (Date.now() - this.t0) / 1000;
    const rate = (p.fraction - this.work0) / Math.max(elapsed, 1e-3);
    p.etaSeconds = p.fraction >= 1 ? 0 : rate > 0 && elapsed >= 2 ? (1 - p.fraction) / rate : null;
  }

  /** Starts runs until none is left (or the signal aborts), then waits for every started one to end. */
  async run(): Promise<void> {
    const { doc, signal } = this.o;
    // Seed by seed (a partly done study covers every loss), heaviest runs first within a seed, so the end of the
    // study is made of short runs and no worker idles long behind a slow critic-heavy one.
    const seedIndex = new Map(doc.config.seeds.map((s, i) => [s, i]));
    const queue: StudyRunRecord[] = doc.runs
      .filter((r) => !isFinal(r.status))
      .sort((a, b) => (seedIndex.get(a.seed) ?? 0) - (seedIndex.get(b.seed) ?? 0) || b.steps * b.weight - a.steps * a.weight);
    const byId = new Map(queue.map((r) => [r.runId, r]));
    const pool: WorkerPool = new WorkerPool({ workers: this.o.workers, run: (id) => this.runOne(byId.get(id)!, pool) });
    const onAbort = () => {
      void pool.stop();
      for (const h of this.active.values()) h.terminate(this.o.graceMs);
    };
    if (signal?.aborted) return this.save();
    signal?.addEventListener("abort", onAbort);
    const timer = setInterval(() => void this.poll(), this.o.pollMs);
    try {
      for (const rec of queue) pool.enqueue(rec.runId);
      await pool.idle();
    } finally {
      clearInterval(timer);
      signal?.removeEventListener("abort", onAbort);
    }
    await this.save();
  }

  /** One process start of `rec`; "again" when the run should be started again (crashed, attempts left). */
  private async runOne(rec: StudyRunRecord, pool: WorkerPool): Promise<TaskOutcome> {
    const { doc } = this.o;
    rec.attempts++;
    rec.status = "running";
    rec.error = null;
    this.spawned++;
    const handle = this.o.spawnRun({
      storageUrl: this.o.storageUrl,
      studyId: doc.id,
      runId: rec.runId,
      ...(this.o.backend ? { backend: this.o.backend } : {}),
      // Each of `workers` runs gets its share of the cores, so wasm thread pools never oversubscribe them.
      wasmThreads: pool.threadsPerChild(),
    });
    this.active.set(rec.runId, handle);
    await this.save();
    const exit = await handle.exited;
    this.active.delete(rec.runId);
    const st = await this.o.storage.getJson<TrainingStatus>(studyKeys(doc.id).run(rec.runId).status).catch(() => null);
    if (st) rec.step = st.progress.step;
    let again: TaskOutcome = "done";
    // A written "succeeded" is final however the process ended; "failed" only when the job itself said so.
    if (st && (st.status === "succeeded" || (st.status === "failed" && (exit.code === 1 || exit.code === 2)))) {
      rec.status = st.status;
      rec.error = st.error;
    } else if (this.o.signal?.aborted) {
      rec.status = "interrupted";
    } else if (exit.code === 2) {
      rec.status = "failed";
      rec.error = { code: "bad_config", message: tailLines(exit, 3, " ") };
    } else if (rec.attempts < this.o.maxAttempts) {
      rec.status = "interrupted";
      again = "again";
    } else {
      rec.status = "failed";
      const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
      rec.error = { code: "crashed", message: `run process ended with ${how} after ${rec.attempts} attempts: ${tailLines(exit, 3, " ")}` };
    }
    await this.save();
    return again;
  }

  /** Refreshes the step of every running run from its status.json. */
  private async poll(): Promise<void> {
    const { doc, storage } = this.o;
    const running = doc.runs.filter((r) => this.active.has(r.runId));
    if (running.length === 0) return;
    await Promise.all(
      running.map(async (r) => {
        const st = await storage.getJson<TrainingStatus>(studyKeys(doc.id).run(r.runId).status).catch(() => null);
        if (st && this.active.has(r.runId)) r.step = st.progress.step;
      }),
    );
    await this.save();
  }
}
