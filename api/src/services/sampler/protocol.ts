import type { BackendRequest } from "@gantry/trainer/backend";
import type { JobResult, SampleJob } from "../sample-job.ts";
import type { WireError } from "../worker-errors.ts";

/** What each inference worker is started with. */
export interface WorkerInit {
  storageUrl: string;
  backend: BackendRequest;
  /** This worker's share of the generator cache budget. */
  budgetBytes: number;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  budgetBytes: number;
}

export type ToWorker = { type: "job"; seq: number; job: SampleJob } | { type: "evict"; id: string };

export type FromWorker =
  | { type: "ready"; backend: string; detail: string }
  | { type: "init-failed"; error: WireError }
  /** Every answer carries the worker's cache stats and live tensor count, so /healthz and benchmarks read them synchronously. */
  | { type: "done"; seq: number; result: JobResult; stats: CacheStats; tensors: number }
  | { type: "failed"; seq: number; error: WireError; stats: CacheStats; tensors: number };
