import { Worker } from "node:worker_threads";
import { type BackendRequest, wasmThreadsPerWorker } from "@gantry/trainer/backend";
import type { JobResult, SampleJob, Sampler } from "../sample-job.ts";
import { fromWire } from "../worker-errors.ts";
import type { CacheStats, FromWorker, ToWorker, WorkerInit } from "./protocol.ts";

export interface SamplerPoolOptions {
  /** Worker threads; the cores are shared evenly (GANTRY_WASM_THREADS = cores / workers, oneDNN's pool likewise). */
  workers: number;
  storageUrl: string;
  backend: BackendRequest;
  /** The whole generator cache budget; each worker keeps budgetBytes / workers. */
  budgetBytes: number;
  /** Told when a worker dies and is replaced (its in-flight jobs fail with a 500). */
  onWorkerExit?: (info: { worker: number; code: number }) => void;
}

interface Pending {
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  stats: CacheStats;
  tensors: number;
  /** Started once; a worker that never started is not replaced (its start error is the pool's). */
  ready: boolean;
}

/**
 * Sampling on every core: a pool of worker threads, each with its own backend and generator cache (the same
 * GeneratorCache, so its reference counting and byte budget hold per worker). A job goes to the worker with the
 * fewest jobs in flight, so 16 concurrent clients keep all workers busy and the API's event loop only parses and
 * answers. A generator is loaded once per worker that serves it.
 */
export class SamplerPool implements Sampler {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private closing = false;
  /** The backend the workers run, as they reported it. */
  backend = { name: "", detail: "" };

  private constructor(private readonly o: SamplerPoolOptions) {}

  /** Starts the workers and resolves once every one has its backend up; rejects with the first start failure. */
  static async start(o: SamplerPoolOptions): Promise<SamplerPool> {
    const pool = new SamplerPool(o);
    try {
      await Promise.all(Array.from({ length: Math.max(1, o.workers) }, (_, i) => pool.spawn(i)));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  run(job: SampleJob): Promise<JobResult> {
    if (this.closing) return Promise.reject(new Error("the sampler pool is closed"));
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const seq = ++this.seq;
    return new Promise<JobResult>((resolve, reject) => {
      slot.pending.set(seq, { resolve, reject });
      slot.worker.postMessage({ type: "job", seq, job } satisfies ToWorker);
    });
  }

  evict(id: string): void {
    for (const s of this.slots) s.worker.postMessage({ type: "evict", id } satisfies ToWorker);
  }

  stats(): CacheStats {
    const sum = { entries: 0, bytes: 0, budgetBytes: this.o.budgetBytes };
    for (const s of this.slots) {
      sum.entries += s.stats.entries;
      sum.bytes += s.stats.bytes;
    }
    return sum;
  }

  /** Live tensors summed over the workers, as of each one's last answer (for leak checks and benchmarks). */
  tensors(): number {
    return this.slots.reduce((a, s) => a + s.tensors, 0);
  }

  get size(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(i: number): Promise<void> {
    const workers = Math.max(1, this.o.workers);
    const init: WorkerInit = { storageUrl: this.o.storageUrl, backend: this.o.backend, budgetBytes: Math.floor(this.o.budgetBytes / workers) };
    const worker = new Worker(new URL("./worker.mjs", import.meta.url), {
      workerData: init,
      env: { ...process.env, GANTRY_WASM_THREADS: wasmThreadsPerWorker(workers) },
    });
    const slot: Slot = { worker, pending: new Map(), stats: { entries: 0, bytes: 0, budgetBytes: init.budgetBytes }, tensors: 0, ready: false };
    this.slots[i] = slot;
    return new Promise<void>((resolve, reject) => {
      worker.on("message", (m: FromWorker) => {
        if (m.type === "ready") {
          this.backend = { name: m.backend, detail: m.detail };
          slot.ready = true;
          return resolve();
        }
        if (m.type === "init-failed") return reject(fromWire(m.error));
        const p = slot.pending.get(m.seq);
        slot.pending.delete(m.seq);
        slot.stats = m.stats;
        slot.tensors = m.tensors;
        if (m.type === "done") p?.resolve(m.result);
        else p?.reject(fromWire(m.error));
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        reject(new Error(`inference worker ${i} exited with code ${code} while starting`));
        for (const p of slot.pending.values()) p.reject(new Error(`inference worker ${i} exited with code ${code}`));
        slot.pending.clear();
        if (this.closing || this.slots[i] !== slot || !slot.ready) return;
        this.o.onWorkerExit?.({ worker: i, code });
        this.spawn(i).catch(() => {}); // a replacement that cannot start fails its own jobs the same way
      });
    });
  }
}
