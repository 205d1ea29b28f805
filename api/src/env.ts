import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveStorageUrl } from "@gantry/trainer/storage";
import { z } from "zod";
import { parseApiKeys, type ApiKey } from "./http/auth.ts";
import { LOG_LEVELS, type LogLevel } from "./http/logger.ts";

/** The repository root (api/..), where the job processes start. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  GANTRY_HOST: z.string().min(1).default("127.0.0.1"),
  GANTRY_PORT: int(0, 65535).default(8787),
  GANTRY_STORAGE: z
    .string()
    .regex(/^(file|s3):\/\/.+/, "expected file://<dir> or s3://<bucket>/<prefix>")
    .default("file://./.gantry"),
  GANTRY_WORKERS: int(1, 256).default(os.availableParallelism()),
  GANTRY_API_KEYS: z.string().default(""),
  GANTRY_RATE_LIMIT_RPS: z.coerce.number().min(0).max(1e6).default(20),
  GANTRY_RATE_LIMIT_BURST: int(1, 1e6).default(40),
  GANTRY_MAX_BODY_BYTES: int(1024, 2 ** 30).default(4 * 1024 * 1024),
  GANTRY_MAX_UPLOAD_BYTES: int(1024, 2 ** 31).default(64 * 1024 * 1024),
  GANTRY_REQUEST_TIMEOUT_MS: int(1000, 3_600_000).default(90_000),
  GANTRY_GENERATOR_CACHE_MB: int(1, 1 << 20).default(256),
  GANTRY_SAMPLER_WORKERS: int(0, 256).default(os.availableParallelism()),
  GANTRY_IDEMPOTENCY_TTL_S: int(60, 30 * 86400).default(86400),
  GANTRY_KILL_GRACE_MS: int(0, 600_000).default(10_000),
  GANTRY_WEBHOOK_SECRET: z
    .string()
    .regex(/^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$/, "expected whsec_<base64> (at least 12 random bytes)")
    .optional(),
  GANTRY_WEBHOOK_RETRY_MS: int(1, 3_600_000).default(1000),
  GANTRY_LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});

export interface ServerConfig {
  host: string;
  port: number;
  /** Absolute storage URL (a relative file:// path resolved against the working directory, by resolveStorageUrl). */
  storageUrl: string;
  workers: number;
  apiKeys: ApiKey[];
  /** null when GANTRY_RATE_LIMIT_RPS is 0. */
  rateLimit: { ratePerSecond: number; burst: number } | null;
  jsonBodyBytes: number;
  uploadBytes: number;
  requestTimeoutMs: number;
  generatorCacheBytes: number;
  /** Inference worker threads for sampling (each with its own backend and cache); 0 = sample on the event loop. */
  samplerWorkers: number;
  idempotencyTtlMs: number;
  killGraceMs: number;
  /** Standard Webhooks secret; null: webhooks off. */
  webhookSecret: string | null;
  /** First webhook retry delay (doubles per attempt). */
  webhookRetryMs: number;
  /** Lowest level written (pino's levels; "silent" writes nothing). */
  logLevel: LogLevel;
}

/** Thrown for a bad environment; the message names every offending variable. */
export class EnvError extends Error {}

/** Validates the environment; throws EnvError naming each bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const blankless = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith("GANTRY_") && v !== ""));
  // Hosting platforms (Cloud Run, Heroku, Render, …) say the port in PORT; GANTRY_PORT wins when both are set.
  if (blankless.GANTRY_PORT === undefined && env.PORT) blankless.GANTRY_PORT = env.PORT;
  const r = EnvSchema.safeParse(blankless);
  if (!r.success) {
    throw new EnvError(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const e = r.data;
  let apiKeys: ApiKey[];
  try {
    apiKeys = parseApiKeys(e.GANTRY_API_KEYS);
  } catch (err) {
    throw new EnvError(`GANTRY_API_KEYS: ${(err as Error).message}`);
  }
  const storageUrl = resolveStorageUrl(e.GANTRY_STORAGE);
  return {
    host: e.GANTRY_HOST,
    port: e.GANTRY_PORT,
    storageUrl,
    workers: e.GANTRY_WORKERS,
    apiKeys,
    rateLimit: e.GANTRY_RATE_LIMIT_RPS > 0 ? { ratePerSecond: e.GANTRY_RATE_LIMIT_RPS, burst: e.GANTRY_RATE_LIMIT_BURST } : null,
    jsonBodyBytes: e.GANTRY_MAX_BODY_BYTES,
    uploadBytes: e.GANTRY_MAX_UPLOAD_BYTES,
    requestTimeoutMs: e.GANTRY_REQUEST_TIMEOUT_MS,
    generatorCacheBytes: e.GANTRY_GENERATOR_CACHE_MB * 1024 * 1024,
    samplerWorkers: e.GANTRY_SAMPLER_WORKERS,
    idempotencyTtlMs: e.GANTRY_IDEMPOTENCY_TTL_S * 1000,
    killGraceMs: e.GANTRY_KILL_GRACE_MS,
    webhookSecret: e.GANTRY_WEBHOOK_SECRET ?? null,
    webhookRetryMs: e.GANTRY_WEBHOOK_RETRY_MS,
    logLevel: e.GANTRY_LOG_LEVEL,
  };
}

/** Loopback hosts, where running without API keys is tolerated (with a warning). */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}
