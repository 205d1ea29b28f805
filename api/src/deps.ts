import { readFileSync } from "node:fs";
import type { StudyState } from "@gantry/core";
import type { DatasetInfo } from "@gantry/trainer/data";
import type { Storage } from "@gantry/trainer/storage";
import type { ApiKey } from "./http/auth.ts";
import { IDEMPOTENCY_MAX_STORED_BYTES } from "./http/idempotency.ts";
import { DEFAULT_IDEMPOTENCY_QUOTA, type IdempotencyQuota } from "./http/idempotency-quota.ts";
import { jsonLogger, type Logger } from "./http/logger.ts";
import type { IdempotencyStore } from "./http/idempotency-store.ts";
import type { RateLimit, RateLimiter } from "./http/rate-limit.ts";
import type { Runner } from "./runner/types.ts";
import type { WebhookNotifier } from "./webhooks/notifier.ts";
import type { RequestMetrics } from "./http/metrics.ts";
import { builtinCatalog } from "./services/dataset-store.ts";
import type { GeneratorCache } from "./services/generator-cache.ts";
import { inProcessSampler, type Sampler } from "./services/sample-job.ts";

export interface Limits {
  /** Largest JSON body (bytes); default 4 MiB (1024 latents of a few hundred dimensions fit). */
  jsonBodyBytes: number;
  /** Largest dataset upload (bytes); default 64 MiB. */
  uploadBytes: number;
  /** Most samples an upload may hold; default 100 000. */
  uploadSamples: number;
  /** Time until a request without a response gets a 503 problem (ms); default 90 s (more than `Prefer: wait=60`). */
  requestTimeoutMs: number;
  /** How long Idempotency-Key results are kept (ms); default 24 h. */
  idempotencyTtlMs: number;
  /**
   * Largest response body kept for an Idempotency-Key replay (bytes); default 1 MiB. Larger sampling responses are
   * kept as their seed and checkpoint step and recomputed on replay.
   */
  idempotencyMaxStoredBytes: number;
  /** Idempotency records kept per API key (count and bytes; oldest deleted first). Default 1000 and 64 MiB. */
  idempotencyQuota: IdempotencyQuota;
  /** Per-key token bucket; null disables rate limiting. Default 20/s, burst 40. */
  rateLimit: RateLimit | null;
  /** Interval at which SSE streams poll events.jsonl (ms); default 300. */
  ssePollMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  jsonBodyBytes: 4 * 1024 * 1024,
  uploadBytes: 64 * 1024 * 1024,
  uploadSamples: 100_000,
  requestTimeoutMs: 90_000,
  idempotencyTtlMs: 24 * 3600 * 1000,
  idempotencyMaxStoredBytes: IDEMPOTENCY_MAX_STORED_BYTES,
  idempotencyQuota: DEFAULT_IDEMPOTENCY_QUOTA,
  rateLimit: { ratePerSecond: 20, burst: 40 },
  ssePollMs: 300,
};

/** A study as the study engine reports it (at least id and status). */
export interface StudyView {
  id: string;
  status: StudyState;
  [k: string]: unknown;
}

/**
 * The study engine, implemented elsewhere. `create` validates the spec and throws the trainer's ConfigError (→ 422
 * naming each field) when it is invalid; `get`/`report` resolve null for unknown studies.
 */
export interface StudiesService {
  create(spec: Record<string, unknown>): Promise<StudyView>;
  get(id: string): Promise<StudyView | null>;
  report(id: string, format: "html" | "markdown"): Promise<string | null>;
}

/** Everything the app needs; nothing is read from the environment inside createApp. */
export interface AppDeps {
  storage: Storage;
  runner: Runner;
  generators: GeneratorCache;
  /**
   * Where sampling requests run; default: in this thread on `generators`. The server passes a pool of inference
   * workers (each with its own backend and generator cache) so concurrent clients use every core.
   */
  sampler?: Sampler;
  /** Configured API keys; empty or absent = the API runs open (every caller has every scope). */
  apiKeys?: readonly ApiKey[];
  limits?: Partial<Limits>;
  logger?: Logger;
  /** Absent → the /v1/studies routes answer 501. */
  studies?: StudiesService;
  /** Built-in dataset descriptions; default: the trainer's static BUILTIN_DATASET_INFO (opens nothing). */
  datasetCatalog?: () => Promise<DatasetInfo[]>;
  /** Backend used for sampling, reported by /healthz. */
  backend?: string;
  /**
   * Training backends this deployment's workers can run (listed by /healthz); a training asking for one marked
   * unavailable is a 422 at submit. Unset (workers elsewhere, e.g. Batch): listed as [] and not checked.
   */
  backends?: { name: string; available: boolean; detail: string }[];
  /** Clock for rate limits and idempotency expiry (ms). */
  now?: () => number;
  /** Idempotency claims and records; default: records in `storage`, claims in this process (one API process). */
  idempotencyStore?: IdempotencyStore;
  /** Rate-limit buckets for the configured limit; default: this process's memory (one API process). */
  rateLimiter?: (limit: RateLimit) => RateLimiter;
  /** Sends training webhooks; without it (no GANTRY_WEBHOOK_SECRET) a training naming a webhook is a 422. */
  webhooks?: WebhookNotifier;
  /** Per-request metrics (EMF on Lambda); default none. */
  metrics?: RequestMetrics;
}

export interface ResolvedDeps extends Required<Omit<AppDeps, "studies" | "limits" | "idempotencyStore" | "rateLimiter" | "webhooks" | "metrics">> {
  webhooks: WebhookNotifier | undefined;
  metrics: RequestMetrics | undefined;
  studies: StudiesService | undefined;
  idempotencyStore: IdempotencyStore | undefined;
  rateLimiter: ((limit: RateLimit) => RateLimiter) | undefined;
  limits: Limits;
  version: string;
}

/** The API package's version (package.json), reported by /healthz and the OpenAPI document. */
export const API_VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

export function resolveDeps(d: AppDeps): ResolvedDeps {
  return {
    storage: d.storage,
    runner: d.runner,
    generators: d.generators,
    sampler: d.sampler ?? inProcessSampler(d.generators),
    apiKeys: d.apiKeys ?? [],
    limits: { ...DEFAULT_LIMITS, ...d.limits },
    logger: d.logger ?? jsonLogger(),
    studies: d.studies,
    datasetCatalog: d.datasetCatalog ?? builtinCatalog,
    backend: d.backend ?? "unknown",
    backends: d.backends ?? [],
    now: d.now ?? Date.now,
    version: API_VERSION,
    idempotencyStore: d.idempotencyStore,
    rateLimiter: d.rateLimiter,
    webhooks: d.webhooks,
    metrics: d.metrics,
  };
}
